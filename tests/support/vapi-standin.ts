/**
 * A local stand-in for Vapi, for tests. It speaks the documented shapes:
 *
 * - REST API, `Authorization: Bearer <private key>` on every request, else 401 `{message}`:
 *   `POST /call` with `assistantId`, `phoneNumberId` (strings), `customer.number` (E.164), optional
 *   `assistantOverrides` (an object; `variableValues` an object) and `metadata` (an object); another field is a
 *   400 `{message}` naming it. Answers 201 with the call object (`status: "queued"`, `type: "outboundPhoneCall"`,
 *   `monitor.controlUrl`). `GET /call/{id}`: the call as it stands (404 when unknown).
 * - Live call control: `POST /calls/{id}/control` with `{type: "say", content, endCallAfterSpoken?}` or
 *   `{type: "add-message", message: {role, content}, triggerResponseEnabled?}`; 200 while the call is live, 404
 *   once it ended (what Vapi answers for an ended call is not documented; 404 is this stand-in's choice), 400 for
 *   any other body. `refuseControl` makes it answer 500.
 * - Server messages it would send: `toolCalls(...)` builds a `tool-calls` message (toolCallList, toolWithToolCallList,
 *   call with monitor.controlUrl, customer, artifact.messages), `endOfCallReport(...)` an `end-of-call-report`,
 *   `statusUpdate(...)` a `status-update`; `signed(raw, secret)` the HMAC credential's headers
 *   (X-Signature: hex HMAC-SHA256 over `{timestamp}.{body}`, X-Timestamp).
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type VapiRequest = { method: string; path: string; authorization?: string; body?: Record<string, any>; status: number };
type Call = Record<string, any> & { id: string; status: string };

const E164 = /^\+[1-9][0-9]{6,14}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function createCallProblem(b: Record<string, any>): string | undefined {
  for (const f of ["assistantId", "phoneNumberId"]) if (typeof b[f] !== "string" || !b[f]) return `${f} must be a string`;
  if (!isObject(b.customer) || typeof b.customer.number !== "string" || !E164.test(b.customer.number))
    return "customer.number must be an E.164 phone number";
  if (b.assistantOverrides !== undefined) {
    if (!isObject(b.assistantOverrides)) return "assistantOverrides must be an object";
    const v = b.assistantOverrides.variableValues;
    if (v !== undefined && !isObject(v)) return "assistantOverrides.variableValues must be an object";
    const fm = b.assistantOverrides.firstMessage;
    if (fm !== undefined && typeof fm !== "string") return "assistantOverrides.firstMessage must be a string";
  }
  if (b.metadata !== undefined && !isObject(b.metadata)) return "metadata must be an object";
  const known = new Set(["assistantId", "phoneNumberId", "customer", "assistantOverrides", "metadata", "name"]);
  const unknown = Object.keys(b).find((k) => !known.has(k));
  return unknown ? `property ${unknown} should not exist` : undefined;
}

function controlProblem(b: unknown): string | undefined {
  if (!isObject(b)) return "body must be an object";
  if (b.type === "say") {
    if (typeof b.content !== "string" || !b.content) return "content must be a string";
    if (b.endCallAfterSpoken !== undefined && typeof b.endCallAfterSpoken !== "boolean") return "endCallAfterSpoken must be a boolean";
    return undefined;
  }
  if (b.type === "add-message") {
    if (!isObject(b.message) || typeof b.message.role !== "string" || typeof b.message.content !== "string")
      return "message must be {role, content}";
    return undefined;
  }
  return "type must be say or add-message";
}

export async function startVapiStandin(opts: { apiKey: string }) {
  const calls = new Map<string, Call>();
  const requests: VapiRequest[] = [];
  /** What was said into each call through its control URL. */
  const spoken = new Map<string, Array<Record<string, any>>>();
  const state = { refuseControl: false };
  let url = "";

  const newCall = (id: string, extra: Record<string, any> = {}): Call => {
    const call: Call = {
      id,
      orgId: "org_standin",
      type: "inboundPhoneCall",
      status: "in-progress",
      assistantId: "asst_standin",
      phoneNumberId: "pn_standin",
      customer: { number: "+14155550123" },
      phoneNumber: { number: "+14155550999" },
      createdAt: new Date().toISOString(),
      monitor: { listenUrl: `ws://127.0.0.1/${id}/listen`, controlUrl: `${url}/calls/${id}/control` },
      ...extra,
    };
    calls.set(id, call);
    return call;
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, any> | undefined;
    const reply = (status: number, payload: unknown) => {
      requests.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization, body, status });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    };
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return reply(400, { message: "body must be JSON" });
    }
    const control = /^\/calls\/([^/]+)\/control$/.exec(req.url ?? "");
    if (control && req.method === "POST") {
      // The control URL is a capability: no Authorization header is documented for it.
      const call = calls.get(decodeURIComponent(control[1]!));
      if (!call || call.status === "ended") return reply(404, { message: "call not found or ended" });
      if (state.refuseControl) return reply(500, { message: "control unavailable" });
      const problem = controlProblem(body);
      if (problem) return reply(400, { message: problem });
      spoken.set(call.id, [...(spoken.get(call.id) ?? []), body!]);
      return reply(200, "ok");
    }
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`)
      return reply(401, { message: "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa." });
    if (req.method === "POST" && req.url === "/call") {
      const problem = isObject(body) ? createCallProblem(body) : "body must be an object";
      if (problem) return reply(400, { message: [problem], error: "Bad Request", statusCode: 400 });
      const call = newCall(randomUUID(), {
        type: "outboundPhoneCall",
        status: "queued",
        assistantId: body!.assistantId,
        phoneNumberId: body!.phoneNumberId,
        customer: body!.customer,
        assistantOverrides: body!.assistantOverrides,
        metadata: body!.metadata,
      });
      return reply(201, call);
    }
    const get = /^\/call\/([^/]+)$/.exec(req.url ?? "");
    if (req.method === "GET" && get) {
      const call = calls.get(decodeURIComponent(get[1]!));
      return call ? reply(200, call) : reply(404, { message: "Not Found" });
    }
    reply(404, { message: `Cannot ${req.method} ${req.url}` });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A call in progress the stand-in knows (its control URL answers). */
  const startCall = (id: string = randomUUID(), extra: Record<string, any> = {}) => newCall(id, extra);

  /** A `tool-calls` server message for a live call, as Vapi sends it to a tool's server URL. */
  function toolCalls(
    callId: string,
    list: Array<{ id: string; name: string; arguments: Record<string, unknown> }>,
    transcript: Array<{ role: "bot" | "user"; message: string }> = [],
  ) {
    const call = calls.get(callId) ?? newCall(callId);
    return {
      message: {
        timestamp: Date.now(),
        type: "tool-calls",
        toolCallList: list.map((t) => ({ id: t.id, type: "function", function: { name: t.name, arguments: t.arguments } })),
        toolWithToolCallList: list.map((t) => ({
          type: "function",
          function: { name: t.name, parameters: { type: "object", properties: {} } },
          server: { url: "https://switchboard.example/api/vapi/tools" },
          messages: [],
          toolCall: { id: t.id, type: "function", function: { name: t.name, arguments: t.arguments } },
        })),
        artifact: { messages: transcript.map((m, i) => ({ ...m, time: Date.now(), secondsFromStart: i * 3 })) },
        assistant: { id: call.assistantId, name: "Front desk" },
        customer: call.customer,
        call,
      },
    };
  }

  /** Ends a call (its control URL then answers 404) and builds the `end-of-call-report` Vapi sends the server URL. */
  function endOfCallReport(
    callId: string,
    turns: Array<{ role: "bot" | "user"; message: string; secondsFromStart: number }>,
    seconds = 95,
  ) {
    const call = calls.get(callId) ?? newCall(callId);
    const startedAt = new Date(Date.now() - seconds * 1000 - 5000);
    const endedAt = new Date(startedAt.getTime() + seconds * 1000);
    Object.assign(call, {
      status: "ended",
      endedReason: "customer-ended-call",
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
    });
    return {
      message: {
        type: "end-of-call-report",
        timestamp: Date.now(),
        endedReason: "customer-ended-call",
        startedAt: startedAt.toISOString(),
        endedAt: endedAt.toISOString(),
        durationSeconds: seconds,
        cost: 0.12,
        artifact: {
          messages: [
            { role: "system", message: "You are a front desk assistant.", time: 0, secondsFromStart: 0 },
            ...turns.map((t) => ({ ...t, time: 0 })),
          ],
          transcript: turns.map((t) => `${t.role === "bot" ? "AI" : "User"}: ${t.message}`).join("\n"),
          recordingUrl: "https://storage.vapi.ai/recordings/standin.wav",
        },
        analysis: { summary: "The caller asked about opening hours.", successEvaluation: "true" },
        customer: call.customer,
        call,
      },
    };
  }

  function statusUpdate(callId: string, status: string) {
    const call = calls.get(callId) ?? newCall(callId);
    call.status = status;
    return { message: { type: "status-update", status, timestamp: Date.now(), call } };
  }

  /** The HMAC credential's headers for a body, as Vapi's custom credential sends them with its defaults. */
  function signed(raw: string, secret: string, at: number = Date.now()): Record<string, string> {
    const timestamp = String(at);
    return { "x-timestamp": timestamp, "x-signature": createHmac("sha256", secret).update(`${timestamp}.${raw}`).digest("hex") };
  }

  return {
    get url() {
      return url;
    },
    requests,
    spoken,
    calls,
    state,
    startCall,
    toolCalls,
    endOfCallReport,
    statusUpdate,
    signed,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type VapiStandin = Awaited<ReturnType<typeof startVapiStandin>>;
