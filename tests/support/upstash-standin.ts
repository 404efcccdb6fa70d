/**
 * A local stand-in for the Upstash Redis REST API, for tests (one file because it is one wire protocol). It speaks the wire protocol that
 * `@upstash/redis` (1.39.0) uses and forwards every command to a REAL Redis server over ioredis,
 * so command semantics (TTLs, NX, Lua, sorted sets, errors) are Redis's own, not a re-implementation.
 *
 * Supported (https://upstash.com/docs/redis/features/restapi):
 * - `POST /` with a JSON array body `["SET","k","v","PX",1000]` -> `{"result": ...}`, or 400 `{"error": "..."}`.
 * - `POST /pipeline` with `[[cmd...], [cmd...]]` -> 200 `[{"result": ...} | {"error": "..."}, ...]` (not atomic).
 * - `POST /multi-exec` with the same body -> the same array, run in MULTI/EXEC; a transaction Redis
 *   discards as a whole (EXECABORT) -> 400 `{"error": "..."}`.
 * - Path style: `GET|POST /set/foo/bar?EX=100` (segments are the command; a POST body is appended as
 *   the last argument, then query parameters as name/value pairs).
 * - Auth: `Authorization: Bearer <token>` or `?_token=<token>`; otherwise 401 `{"error":"Unauthorized"}`.
 * - `Upstash-Encoding: base64`: every string in the result, including strings nested in arrays, is
 *   base64 of the raw bytes, except a top-level `"OK"` (which the client passes through undecoded).
 *   Without the header, strings are UTF-8 (invalid bytes become U+FFFD, as Upstash documents).
 *
 * Results map like Upstash's: integer -> JSON number, bulk/simple string -> JSON string,
 * nil -> null, array -> JSON array (recursively). Commands that would change the state of the
 * shared connection (MULTI, SELECT, SUBSCRIBE, ...) or block it (BLPOP, ...) are refused, and so
 * are FLUSHDB/FLUSHALL, because the backing Redis is shared with other tests.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";

export type UpstashStandin = {
  /** Base URL to give `new Redis({ url })` / `createUpstashKv({ url })`, e.g. http://127.0.0.1:54321 */
  url: string;
  token: string;
  /** Number of HTTP requests served so far (authorised or not). */
  readonly requests: number;
  close(): Promise<void>;
};

type Json = null | number | string | Json[];
type Command = [name: string, ...args: string[]];
type Reply = { result: Json } | { error: string };

const REFUSED = new Set([
  // connection state: would leak into every other request on the shared connection
  "MULTI",
  "EXEC",
  "DISCARD",
  "WATCH",
  "UNWATCH",
  "SELECT",
  "SWAPDB",
  "AUTH",
  "HELLO",
  "RESET",
  "QUIT",
  "CLIENT",
  "SUBSCRIBE",
  "PSUBSCRIBE",
  "SSUBSCRIBE",
  "UNSUBSCRIBE",
  "PUNSUBSCRIBE",
  "SUNSUBSCRIBE",
  "MONITOR",
  "SYNC",
  "PSYNC",
  "REPLICAOF",
  "SLAVEOF",
  "SHUTDOWN",
  "DEBUG",
  // blocking: would stall every other request on the shared connection
  "BLPOP",
  "BRPOP",
  "BRPOPLPUSH",
  "BLMOVE",
  "BLMPOP",
  "BZPOPMIN",
  "BZPOPMAX",
  "BZMPOP",
  "WAIT",
  "WAITAOF",
  // the backing Redis is shared: never wipe it
  "FLUSHDB",
  "FLUSHALL",
]);

/** A request Upstash would answer with 400; the message gets Redis' "ERR " prefix. */
class BadRequest extends Error {
  constructor(message: string) {
    super(`ERR ${message}`);
  }
}

export async function startUpstashStandin(opts: { redisUrl?: string; token?: string } = {}): Promise<UpstashStandin> {
  const redisUrl = opts.redisUrl ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const token = opts.token ?? randomBytes(18).toString("base64url");
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => (times > 3 ? null : 100 * times),
  });
  redis.on("error", () => {}); // surfaced per request as {"error": ...}; avoids ioredis' unhandled-error noise
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(`Upstash stand-in: cannot reach Redis at ${redisUrl}: ${(err as Error).message}`, { cause: err });
  }

  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BadRequest) return send(res, 400, { error: err.message });
      if (err instanceof URIError) return send(res, 400, { error: `ERR ${err.message}` });
      send(res, 500, { error: `ERR stand-in failure: ${(err as Error)?.message ?? String(err)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://standin");
    if (!authorised(req, url)) return send(res, 401, { error: "Unauthorized" });
    if (req.method !== "POST" && req.method !== "PUT" && req.method !== "GET") {
      res.setHeader("Allow", "GET, POST, PUT");
      return send(res, 405, { error: "Method Not Allowed" });
    }
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const raw = await readBody(req);
    const path = url.pathname.replace(/\/+$/, "");

    if (path === "/pipeline" || path === "/multi-exec") {
      const commands = parseCommands(raw, true);
      if (commands.length === 0) throw new BadRequest("empty pipeline");
      if (path === "/pipeline") {
        // Sent back to back on one connection: executed in order, but others may interleave.
        const settled = await Promise.allSettled(commands.map((c) => run(c)));
        return send(
          res,
          200,
          settled.map((s) => toReply(s, base64)),
        );
      }
      for (const c of commands) refuse(c);
      const multi = redis.multi();
      for (const [name, ...args] of commands) multi.callBuffer(name, ...args);
      let results: [Error | null, unknown][] | null;
      try {
        results = await multi.exec();
      } catch (err) {
        return send(res, 400, { error: errorText(err) });
      }
      if (!results) return send(res, 400, { error: "ERR transaction discarded" });
      return send(
        res,
        200,
        results.map(([err, value]) => (err ? { error: errorText(err) } : { result: encode(value, base64, true) })),
      );
    }

    let command: Command;
    if (path === "") {
      command = parseCommands(raw, false)[0]!;
    } else {
      // Path style: /cmd/arg1/arg2?name=value ; a POST/PUT body is the last positional argument.
      const [name, ...args] = path
        .slice(1)
        .split("/")
        .map((s) => decodeURIComponent(s));
      command = [name!, ...args];
      if (req.method !== "GET" && raw.length > 0) command.push(raw.toString("utf8"));
      for (const [k, v] of url.searchParams) if (k !== "_token") command.push(k, v);
    }
    const [reply] = await Promise.allSettled([run(command)]);
    const body = toReply(reply!, base64);
    return send(res, "error" in body ? 400 : 200, body);
  }

  function authorised(req: IncomingMessage, url: URL): boolean {
    const header = req.headers.authorization ?? "";
    const m = /^Bearer\s+(.+)$/i.exec(header);
    const given = m?.[1]?.trim() ?? url.searchParams.get("_token") ?? "";
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  function refuse([name]: Command) {
    const upper = name.toUpperCase();
    if (REFUSED.has(upper)) throw new BadRequest(`Command is not available in the Upstash stand-in: '${upper}'`);
  }

  async function run(command: Command): Promise<unknown> {
    refuse(command);
    const [name, ...args] = command;
    return redis.callBuffer(name, ...args);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get requests() {
      return requests;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the client keeps connections alive
      });
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Parses a JSON command (`[name, ...args]`) or, when `many`, a list of them. Args become strings. */
function parseCommands(raw: Buffer, many: boolean): Command[] {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BadRequest("failed to parse command");
  }
  const list = many ? body : [body];
  if (!Array.isArray(list)) throw new BadRequest("failed to parse command");
  return list.map((cmd) => {
    if (!Array.isArray(cmd) || cmd.length === 0 || typeof cmd[0] !== "string" || cmd[0] === "") {
      throw new BadRequest("failed to parse command");
    }
    const [name, ...args] = cmd.map((arg: unknown) => {
      if (typeof arg === "string") return arg;
      if (typeof arg === "number" && Number.isFinite(arg)) return String(arg);
      if (typeof arg === "boolean") return String(arg);
      throw new BadRequest(`failed to parse command: unsupported argument ${JSON.stringify(arg)}`);
    });
    return [name!, ...args] as Command;
  });
}

/** Maps an ioredis (buffer-mode) reply to JSON the way Upstash does. */
function encode(value: unknown, base64: boolean, topLevel: boolean): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (Buffer.isBuffer(value)) {
    if (!base64) return value.toString("utf8");
    if (topLevel && value.length === 2 && value.toString("latin1") === "OK") return "OK";
    return value.toString("base64");
  }
  if (typeof value === "string") {
    if (!base64 || (topLevel && value === "OK")) return value;
    return Buffer.from(value, "utf8").toString("base64");
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, base64, false));
  // An error reply nested in an array (e.g. a Lua table holding redis.error_reply): report its text.
  if (value instanceof Error) return encode(value.message, base64, false);
  return encode(String(value), base64, false);
}

function toReply(settled: PromiseSettledResult<unknown>, base64: boolean): Reply {
  return settled.status === "fulfilled" ? { result: encode(settled.value, base64, true) } : { error: errorText(settled.reason) };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
