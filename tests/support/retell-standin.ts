/**
 * A local stand-in for Retell's REST API and webhooks, for tests. It checks the documented request shapes:
 *
 * - `Authorization: Bearer <key>` on every request, else 401 `{message}`.
 * - `POST /v2/create-phone-call`: `from_number` and `to_number` E.164 strings (required), `override_agent_id`
 *   string, `retell_llm_dynamic_variables` an object of STRING values, `metadata` an object; anything else
 *   is a 400 `{message}` naming the field. Answers 201 with the call object (`call_status: "registered"`).
 * - `GET /v2/get-call/{call_id}`: the call object as it stands (404 when unknown).
 * - `finish(callId, turns)` ends a call (ongoing → ended, transcript_object with word timings, duration) and
 *   `webhook(event, callId)` builds Retell's `{event, call}` webhook body signed with retell-sdk's `sign`
 *   (X-Retell-Signature: v=<ms>,d=<hex HMAC-SHA256(key, body + ms)>), to deliver wherever the test wants.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sign } from "retell-sdk";

export type RetellRequest = { method: string; path: string; authorization?: string; body?: Record<string, unknown>; status: number };
type Call = Record<string, unknown> & { call_id: string };

const E164 = /^\+[1-9][0-9]{6,14}$/;

function problem(b: Record<string, unknown>): string | undefined {
  for (const f of ["from_number", "to_number"])
    if (typeof b[f] !== "string" || !E164.test(b[f] as string)) return `${f} must be an E.164 phone number`;
  if (b.override_agent_id !== undefined && typeof b.override_agent_id !== "string") return "override_agent_id must be a string";
  const vars = b.retell_llm_dynamic_variables;
  if (
    vars !== undefined &&
    (typeof vars !== "object" || vars === null || Array.isArray(vars) || Object.values(vars).some((v) => typeof v !== "string"))
  )
    return "retell_llm_dynamic_variables must be an object of string values";
  if (b.metadata !== undefined && (typeof b.metadata !== "object" || b.metadata === null || Array.isArray(b.metadata)))
    return "metadata must be an object";
  const known = new Set([
    "from_number",
    "to_number",
    "override_agent_id",
    "override_agent_version",
    "retell_llm_dynamic_variables",
    "metadata",
    "custom_sip_headers",
  ]);
  const unknown = Object.keys(b).find((k) => !known.has(k));
  return unknown ? `unknown field ${unknown}` : undefined;
}

export async function startRetellStandin(opts: { apiKey: string }) {
  const calls = new Map<string, Call>();
  const requests: RetellRequest[] = [];

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, unknown> | undefined;
    const reply = (status: number, payload: unknown) => {
      requests.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization, body, status });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    };
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      return reply(400, { message: "body is not JSON" });
    }
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) return reply(401, { message: "invalid API key" });
    if (req.method === "POST" && req.url === "/v2/create-phone-call") {
      const bad = problem(body ?? {});
      if (bad) return reply(400, { message: bad });
      const call: Call = {
        call_id: `call_${randomUUID().replace(/-/g, "")}`,
        call_type: "phone_call",
        agent_id: body!.override_agent_id ?? "agent_default",
        call_status: "registered",
        direction: "outbound",
        from_number: body!.from_number,
        to_number: body!.to_number,
        metadata: body!.metadata ?? {},
        retell_llm_dynamic_variables: body!.retell_llm_dynamic_variables ?? {},
      };
      calls.set(call.call_id, call);
      return reply(201, call);
    }
    const get = /^\/v2\/get-call\/([^/?]+)$/.exec(req.url ?? "");
    if (req.method === "GET" && get) {
      const call = calls.get(decodeURIComponent(get[1]!));
      return call ? reply(200, call) : reply(404, { message: "call not found" });
    }
    if (req.method === "GET" && req.url === "/list-voices")
      return reply(200, [{ voice_id: "11labs-Adrian", voice_name: "Adrian", accent: "American", provider: "elevenlabs" }]);
    return reply(404, { message: `no route ${req.method} ${req.url}` });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    calls,
    /** The call picks up and ends: Retell's ended call object with a timed transcript. */
    finish(callId: string, turns: Array<{ role: "agent" | "user"; content: string; at: number }>, seconds = 65, reason = "user_hangup") {
      const call = calls.get(callId)!;
      const start = Date.now() - seconds * 1000;
      Object.assign(call, {
        call_status: "ended",
        start_timestamp: start,
        end_timestamp: start + seconds * 1000,
        duration_ms: seconds * 1000,
        disconnection_reason: reason,
        transcript_object: turns.map((t) => ({
          role: t.role,
          content: t.content,
          words: [{ word: t.content.split(" ")[0], start: t.at, end: t.at + 0.3 }],
        })),
        transcript: turns.map((t) => `${t.role === "agent" ? "Agent" : "User"}: ${t.content}`).join("\n"),
      });
      return call;
    },
    /** Retell's webhook for this call, signed with the account's Retell API key as Retell signs it. */
    async webhook(event: string, callId: string) {
      const raw = JSON.stringify({ event, call: calls.get(callId) });
      return { raw, signature: await sign(raw, opts.apiKey) };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
export type RetellStandin = Awaited<ReturnType<typeof startRetellStandin>>;
