/**
 * A local stand-in for an ntfy server's JSON publishing (https://docs.ntfy.sh/publish/#publish-as-json),
 * CHECKING what it is sent:
 * - only `POST /` (the server root) with a JSON object body; a POST to `/<topic>` is refused (400), so a
 *   client publishing the header way fails here;
 * - documented fields only: `topic` (required, [-_A-Za-z0-9]{1,64}), `message` (≤ 4,096 bytes, else 413 like
 *   ntfy's message limit), `title` (string), `priority` (integer 1–5), `tags` (string array), `click` (URL);
 * - with `token` set, `Authorization: Bearer <token>` is required (none → 403, wrong → 401);
 * - errors are ntfy's JSON `{code, http, error}`; success is the message envelope `{id, time, event:"message", topic, …}`;
 * - `rateLimitNext(n, retryAfterSeconds)` answers 429 with Retry-After; `failNext(n, status)` any status.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type NtfyPublished = {
  id: string;
  topic: string;
  message: string;
  title?: string;
  priority?: number;
  tags?: string[];
  click?: string;
  authorization?: string;
  receivedAt: number;
};
export type NtfyRequest = { method: string; path: string; status: number; authorization?: string; contentType?: string; body?: unknown };

export type NtfyStandin = {
  url: string;
  token: string | null;
  published: NtfyPublished[];
  requests: NtfyRequest[];
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  failNext(count: number, status: number): void;
  /** Resolves with the first published message matching `pred` (bounded by `timeoutMs`). */
  waitFor(pred: (m: NtfyPublished) => boolean, timeoutMs?: number): Promise<NtfyPublished>;
  close(): Promise<void>;
};

const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const FIELDS = new Set(["topic", "message", "title", "priority", "tags", "click"]);

export async function startNtfyStandin(opts: { token?: string | null } = {}): Promise<NtfyStandin> {
  const token = opts.token === undefined ? `tk_${randomBytes(15).toString("hex").slice(0, 29)}` : opts.token;
  const published: NtfyPublished[] = [];
  const requests: NtfyRequest[] = [];
  let limited: { count: number; retryAfter: number } = { count: 0, retryAfter: 0 };
  let failing: { count: number; status: number } = { count: 0, status: 500 };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      const path = new URL(req.url ?? "/", "http://standin").pathname;
      const record: NtfyRequest = {
        method: req.method ?? "",
        path,
        status: 0,
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        body,
      };
      requests.push(record);
      const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        record.status = status;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(`${JSON.stringify(json)}\n`);
      };
      const error = (status: number, code: number, text: string, headers?: Record<string, string>) =>
        answer(status, { code, http: status, error: text, link: "https://ntfy.sh/docs/publish/" }, headers);

      if (req.method !== "POST" && req.method !== "PUT") return error(405, 40501, "method not allowed");
      if (path !== "/") return error(400, 40099, "stand-in: publish JSON to the server root, not to /<topic>");
      if (token) {
        const auth = req.headers.authorization;
        if (!auth) return error(403, 40301, "forbidden");
        if (auth !== `Bearer ${token}`) return error(401, 40101, "unauthorized");
      }
      if (limited.count > 0) {
        limited.count--;
        return error(429, 42901, "limit reached: too many requests", { "retry-after": String(limited.retryAfter) });
      }
      if (failing.count > 0) {
        failing.count--;
        return error(failing.status, 50001, "stand-in failure");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return error(400, 40024, "invalid request: body must be a JSON object");
      const m = body as Record<string, unknown>;
      const unknown = Object.keys(m).filter((k) => !FIELDS.has(k));
      if (unknown.length) return error(400, 40024, `stand-in: undocumented field ${unknown[0]}`);
      if (typeof m.topic !== "string" || !TOPIC.test(m.topic)) return error(400, 40009, "invalid request: topic invalid");
      if (m.message !== undefined && typeof m.message !== "string") return error(400, 40024, "invalid request: message must be a string");
      if (typeof m.message === "string" && Buffer.byteLength(m.message, "utf8") > 4096) return error(413, 41301, "message too large");
      if (m.title !== undefined && typeof m.title !== "string") return error(400, 40024, "invalid request: title must be a string");
      if (m.priority !== undefined && !(Number.isInteger(m.priority) && (m.priority as number) >= 1 && (m.priority as number) <= 5))
        return error(400, 40007, "invalid priority");
      if (m.tags !== undefined && !(Array.isArray(m.tags) && m.tags.every((t) => typeof t === "string")))
        return error(400, 40024, "invalid request: tags must be strings");
      if (m.click !== undefined && !(typeof m.click === "string" && /^https?:\/\//.test(m.click)))
        return error(400, 40013, "invalid click URL");
      const id = randomBytes(6).toString("hex");
      const msg: NtfyPublished = {
        id,
        topic: m.topic,
        message: (m.message as string) ?? "triggered",
        title: m.title as string | undefined,
        priority: m.priority as number | undefined,
        tags: m.tags as string[] | undefined,
        click: m.click as string | undefined,
        authorization: req.headers.authorization,
        receivedAt: Date.now(),
      };
      published.push(msg);
      answer(200, {
        id,
        time: Math.floor(Date.now() / 1000),
        expires: Math.floor(Date.now() / 1000) + 43200,
        event: "message",
        topic: msg.topic,
        message: msg.message,
        ...(msg.title ? { title: msg.title } : {}),
        ...(msg.priority ? { priority: msg.priority } : {}),
        ...(msg.tags ? { tags: msg.tags } : {}),
        ...(msg.click ? { click: msg.click } : {}),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    published,
    requests,
    rateLimitNext: (count, retryAfter) => void (limited = { count, retryAfter }),
    failNext: (count, status) => void (failing = { count, status }),
    async waitFor(pred, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const hit = published.find(pred);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(
        `ntfy stand-in: no matching message within ${timeoutMs} ms (got ${published.length}: ${published.map((p) => p.topic).join(", ")})`,
      );
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
