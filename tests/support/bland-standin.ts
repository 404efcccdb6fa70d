/**
 * A local stand-in for Bland AI's v1 REST API (https://docs.bland.ai/api-v1), for tests and benches.
 *
 * - `authorization: <key>` (or `Bearer <key>`) on every request, else 401 `{status:"error", message}`.
 * - `POST /v1/calls` checks the documented body: phone_number (E.164) and task required (400 naming the
 *   field), voice/model/first_sentence/language strings, max_duration number, record boolean, webhook URL,
 *   metadata object. Answers `{status:"success", call_id}`.
 * - `GET /v1/calls/{id}`: the call object (queue_status/status queued → started → completed, completed flag,
 *   call_length in minutes, transcripts, concatenated_transcript, summary, price, recording_url, answered_by,
 *   error_message, metadata). Number patterns: …0000 no-answer, …1111 busy, …9999 failed.
 * - `POST /v1/calls/{id}/stop` ends a live call (status "canceled"); a finished call stays as it was.
 * - `GET /v1/voices`; `GET /v1/recordings/{id}` (audio/wav bytes, or 404 CALL_RECORDING_NOT_FOUND).
 * - When a call ends and it has a `webhook`, the call object is POSTed there signed with X-Webhook-Signature
 *   (hex HMAC-SHA256 of the body with the webhook secret), as Bland's post-call webhook does.
 * - `failNext(n, status, retryAfterSeconds?)` makes the next n requests fail; every request is recorded.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedRequest = { method: string; path: string; authorization?: string; body?: unknown; status: number };

type StandinCall = {
  id: string;
  createdAt: number;
  body: Record<string, unknown>;
  canceledAt?: number;
  webhookSent?: boolean;
};

export type BlandStandin = {
  url: string;
  apiKey: string;
  webhookSecret: string;
  requests: RecordedRequest[];
  /** Make the next `count` requests answer `status` (with Retry-After when given). */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  /** Requests whose path starts with `prefix` answer `status` until cleared (undefined clears). */
  failPath(prefix: string | undefined, status?: number): void;
  callCount(): number;
  close(): Promise<void>;
};

const E164 = /^\+[1-9]\d{6,14}$/;

export async function startBlandStandin(opts: { apiKey?: string; webhookSecret?: string; stepMs?: number } = {}): Promise<BlandStandin> {
  const apiKey = opts.apiKey ?? `org_${randomUUID().replace(/-/g, "")}`;
  const webhookSecret = opts.webhookSecret ?? `whsec_${randomUUID().replace(/-/g, "")}`;
  const step = opts.stepMs ?? 100;
  const calls = new Map<string, StandinCall>();
  const requests: RecordedRequest[] = [];
  let failures: { count: number; status: number; retryAfter?: number } | undefined;
  let pathFailure: { prefix: string; status: number } | undefined;
  const timers = new Set<NodeJS.Timeout>();

  const outcome = (n: string) => ({ "0000": "no-answer", "1111": "busy", "9999": "failed" })[n.replace(/\D/g, "").slice(-4)] ?? "ok";
  const endMs = (c: StandinCall) => c.createdAt + (outcome(String(c.body.phone_number)) === "ok" ? 4 : 2) * step;

  function view(c: StandinCall, now = Date.now()) {
    const number = String(c.body.phone_number);
    const result = outcome(number);
    const ended = c.canceledAt !== undefined || now >= endMs(c);
    const startedAt = c.createdAt + step;
    const live = !ended && now >= startedAt;
    const talked = result === "ok" && (ended || live) && (c.canceledAt ?? now) > startedAt;
    const lengthMin = talked
      ? ended && c.canceledAt === undefined
        ? 0.75
        : Math.max(0.01, ((c.canceledAt ?? now) - startedAt) / step / 4)
      : 0;
    const task = String(c.body.task);
    const lines = [
      ["assistant", String(c.body.first_sentence ?? "Hello, this is Blandie.")],
      ["user", "Hi, who is this?"],
      ["assistant", `I'm calling about: ${task}`],
      ["user", "Sure, that works."],
    ];
    const transcripts = talked
      ? lines.map(([user, text], i) => ({ id: i + 1, created_at: new Date(startedAt + i * 100).toISOString(), text, user, c_id: c.id }))
      : [];
    const canceled = c.canceledAt !== undefined && c.canceledAt < endMs(c);
    const status = canceled ? "canceled" : !ended ? (live ? "started" : "queued") : result === "failed" ? "failed" : "completed";
    return {
      call_id: c.id,
      c_id: c.id,
      to: number,
      from: "+17163511654",
      request_data: { phone_number: number, wait: false, language: c.body.language ?? "en-US" },
      created_at: new Date(c.createdAt).toISOString(),
      started_at: result === "failed" ? null : new Date(startedAt).toISOString(),
      end_at: new Date(c.createdAt + Number(c.body.max_duration ?? 30) * 60_000).toISOString(),
      status,
      queue_status: ended ? (canceled ? "canceled" : "complete") : status,
      completed: ended,
      inbound: false,
      max_duration: c.body.max_duration ?? 30,
      call_length: ended || live ? lengthMin : null,
      answered_by: talked ? "human" : result === "no-answer" && ended ? "no-answer" : null,
      error_message:
        ended && result === "busy"
          ? "Call failed: line busy"
          : ended && result === "failed"
            ? "Call failed: invalid or unreachable number"
            : null,
      call_ended_by: ended && talked ? (canceled ? "API" : "ASSISTANT") : null,
      record: c.body.record === true,
      recording_url: ended && talked && c.body.record === true ? `${url}/v1/recordings/${c.id}` : null,
      metadata: c.body.metadata ?? {},
      variables: {},
      summary: ended && talked ? `The assistant called ${number} about: ${task}` : null,
      price: ended ? Math.round(lengthMin * 0.09 * 1000) / 1000 : null,
      transcripts,
      concatenated_transcript: transcripts.map((t) => `${t.user}: ${t.text}`).join(" \n "),
    };
  }

  async function sendWebhook(c: StandinCall) {
    if (c.webhookSent || typeof c.body.webhook !== "string") return;
    c.webhookSent = true;
    const body = JSON.stringify(view(c));
    const signature = createHmac("sha256", webhookSecret).update(body).digest("hex");
    await fetch(c.body.webhook, {
      method: "POST",
      headers: { "content-type": "application/json", "x-webhook-signature": signature },
      body,
    }).catch(() => undefined);
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!chunks.length) return undefined;
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return Symbol.for("invalid-json");
    }
  }

  function createCall(res: ServerResponse, body: unknown): number {
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return (json(res, 400, { status: "error", message: "Request body must be a JSON object" }), 400);
    const b = body as Record<string, unknown>;
    const bad = (message: string) => (json(res, 400, { status: "error", message }), 400);
    if (typeof b.phone_number !== "string" || !b.phone_number) return bad("Missing required parameter: phone_number");
    if (!E164.test(b.phone_number)) return bad("Invalid phone_number: must be E.164, e.g. +15551234567");
    if (typeof b.task !== "string" || !b.task.trim()) return bad("Missing required parameter: task");
    for (const k of ["voice", "model", "first_sentence", "language"])
      if (b[k] !== undefined && typeof b[k] !== "string") return bad(`${k} must be a string`);
    if (b.max_duration !== undefined && typeof b.max_duration !== "number") return bad("max_duration must be a number (minutes)");
    if (b.record !== undefined && typeof b.record !== "boolean") return bad("record must be a boolean");
    if (b.webhook !== undefined && (typeof b.webhook !== "string" || !/^https?:\/\//.test(b.webhook))) return bad("webhook must be a URL");
    if (b.metadata !== undefined && (typeof b.metadata !== "object" || b.metadata === null || Array.isArray(b.metadata)))
      return bad("metadata must be an object");
    const c: StandinCall = { id: randomUUID(), createdAt: Date.now(), body: b };
    calls.set(c.id, c);
    const t = setTimeout(() => void sendWebhook(c), endMs(c) - c.createdAt + 5);
    timers.add(t);
    return (json(res, 200, { status: "success", call_id: c.id, message: "Call successfully queued." }), 200);
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, body: unknown): Promise<number> {
    const auth = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    if (auth !== apiKey) return (json(res, 401, { status: "error", message: "Invalid API key" }), 401);
    if (failures && failures.count > 0) {
      failures.count--;
      const { status, retryAfter } = failures;
      return (
        json(
          res,
          status,
          { status: "error", message: status === 429 ? "Rate limit exceeded" : "Internal server error" },
          retryAfter !== undefined ? { "retry-after": String(retryAfter) } : {},
        ),
        status
      );
    }
    if (pathFailure && path.startsWith(pathFailure.prefix))
      return (json(res, pathFailure.status, { status: "error", message: "Internal server error" }), pathFailure.status);
    if (body === Symbol.for("invalid-json")) return (json(res, 400, { status: "error", message: "Invalid JSON body" }), 400);
    let m: RegExpExecArray | null;
    if (req.method === "POST" && path === "/v1/calls") return createCall(res, body);
    if (req.method === "GET" && path === "/v1/voices")
      return (
        json(res, 200, {
          voices: [
            {
              id: "2f9fdbc7-4bf2-4792-8a18-21ce3c93978f",
              name: "maya",
              description: "Young American female",
              public: true,
              tags: ["english", "en-US", "Bland Curated"],
            },
            {
              id: "90295ec4-f0fe-4783-ab33-8b997ddc3ae4",
              name: "josh",
              description: "Upbeat American male",
              public: true,
              tags: ["english", "en-US", "Bland Curated"],
            },
            {
              id: "37b3f1c8-a01e-4d70-b251-294733f08371",
              name: "florian",
              description: "German male",
              public: true,
              tags: ["german", "de-DE"],
            },
          ],
        }),
        200
      );
    if ((m = /^\/v1\/calls\/([^/]+)(\/stop)?$/.exec(path))) {
      const c = calls.get(decodeURIComponent(m[1]!));
      if (!c) return (json(res, 404, { status: "error", message: "Call not found" }), 404);
      if (req.method === "GET" && !m[2]) return (json(res, 200, view(c)), 200);
      if (req.method === "POST" && m[2]) {
        if (!view(c).completed) {
          c.canceledAt = Date.now();
          void sendWebhook(c);
        }
        return (json(res, 200, { status: "success", message: "Call ended successfully." }), 200);
      }
    }
    if (req.method === "GET" && (m = /^\/v1\/recordings\/([^/]+)$/.exec(path))) {
      const c = calls.get(decodeURIComponent(m[1]!));
      if (!c || !view(c).recording_url)
        return (json(res, 404, { data: null, errors: [{ error: "CALL_RECORDING_NOT_FOUND", message: "Call recording not found" }] }), 404);
      res.writeHead(200, { "content-type": "audio/wav" });
      res.end(toneWav());
      return 200;
    }
    return (json(res, 404, { status: "error", message: "Not found" }), 404);
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = await readBody(req);
    const status = await route(req, res, path, body).catch(
      () => (json(res, 500, { status: "error", message: "Internal server error" }), 500),
    );
    requests.push({
      method: req.method ?? "GET",
      path,
      authorization: req.headers.authorization,
      body: typeof body === "symbol" ? undefined : body,
      status,
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    webhookSecret,
    requests,
    failNext: (count, status, retryAfter) => void (failures = { count, status, retryAfter }),
    failPath: (prefix, status = 500) => void (pathFailure = prefix === undefined ? undefined : { prefix, status }),
    callCount: () => calls.size,
    close: async () => {
      timers.forEach(clearTimeout);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** One second of a 440 Hz tone as 8 kHz 16-bit mono PCM WAV. */
function toneWav(): Buffer {
  const rate = 8000;
  const n = rate;
  const b = Buffer.alloc(44 + n * 2);
  b.write("RIFF", 0, "ascii");
  b.writeUInt32LE(36 + n * 2, 4);
  b.write("WAVEfmt ", 8, "ascii");
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36, "ascii");
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}
