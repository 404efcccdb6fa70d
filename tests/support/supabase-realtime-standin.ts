import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { WebSocket } from "ws";
import { websocketHost } from "@/tests/support/websocket-host";

/**
 * A local Supabase Realtime for tests: the Phoenix-channels websocket as realtime-js 2.109 speaks it, and the
 * REST broadcast endpoint its channel.httpSend() posts to.
 * - ws /realtime/v1/websocket?apikey=<jwt>&vsn=2.0.0|1.0.0. vsn 2.0.0 frames are JSON arrays
 *   [join_ref, ref, topic, event, payload] (what realtime-js sends by default); 1.0.0 frames are objects.
 * - phx_join {config: {broadcast, presence, postgres_changes, private}, access_token}: the token must be an HS256
 *   JWT signed with the project's JWT secret and unexpired; a private topic "realtime:account:<id>" is allowed only
 *   when the token's account_id claim is <id> — what the RLS policy on realtime.messages in docs/realtime.md
 *   enforces on a real project. Reply phx_reply {status: "ok", response: {postgres_changes: []}} or
 *   {status: "error", response: {reason: "Unauthorized: …"}}.
 * - heartbeat on topic "phoenix" → phx_reply ok; access_token pushes are re-verified (an invalid one closes the
 *   channel with a system error, as Realtime does); phx_leave → ok.
 * - POST /realtime/v1/api/broadcast/<topic>/events/<event>[?private=true] (httpSend) and the older
 *   POST /realtime/v1/api/broadcast {messages: [{topic, event, payload, private}]}: apikey header required,
 *   Authorization bearer must be a service_role JWT; answers 202 and delivers a "broadcast" frame to joined sockets.
 */
export type SupabaseStandin = Awaited<ReturnType<typeof startSupabaseRealtimeStandin>>;

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

export function signJwt(secret: string, claims: Record<string, unknown>): string {
  const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

export function verifyJwt(secret: string, token: string | undefined): Record<string, unknown> | null {
  const [h, p, s] = (token ?? "").split(".");
  if (!h || !p || !s) return null;
  const expected = createHmac("sha256", secret).update(`${h}.${p}`).digest("base64url");
  if (s.length !== expected.length || !timingSafeEqual(Buffer.from(s), Buffer.from(expected))) return null;
  try {
    const header = JSON.parse(Buffer.from(h, "base64url").toString());
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    if (header.alg !== "HS256") return null;
    if (typeof claims.exp === "number" && claims.exp < Date.now() / 1000) return null;
    return claims;
  } catch {
    return null;
  }
}

type Join = { joinRef: string; topic: string; private: boolean; claims: Record<string, unknown> | null };
type Frame = { join_ref: string | null; ref: string | null; topic: string; event: string; payload: any };

export async function startSupabaseRealtimeStandin(opts: { jwtSecret?: string } = {}) {
  const jwtSecret = opts.jwtSecret ?? "standin-jwt-secret-at-least-32-characters-long";
  const anonKey = signJwt(jwtSecret, { role: "anon", iss: "supabase-standin" });
  const serviceRoleKey = signJwt(jwtSecret, { role: "service_role", iss: "supabase-standin" });
  const seen = {
    connections: 0,
    vsns: [] as string[],
    joins: [] as { topic: string; private: boolean; ok: boolean; reason?: string; accountId?: unknown }[],
    accessTokenUpdates: 0,
    heartbeats: 0,
    leaves: 0,
    broadcasts: [] as { topic: string; event: string; payload: unknown; private: boolean }[],
    rejectedHttp: [] as { status: number; reason: string }[],
  };
  const sockets = new Map<WebSocket, { vsn: string; joins: Map<string, Join> }>();

  const encode = (vsn: string, f: Frame) => JSON.stringify(vsn === "2.0.0" ? [f.join_ref, f.ref, f.topic, f.event, f.payload] : f);
  const push = (ws: WebSocket, f: Frame) => ws.readyState === ws.OPEN && ws.send(encode(sockets.get(ws)?.vsn ?? "2.0.0", f));
  const reply = (ws: WebSocket, f: Frame, status: "ok" | "error", response: Record<string, unknown> = {}) =>
    push(ws, { join_ref: f.join_ref, ref: f.ref, topic: f.topic, event: "phx_reply", payload: { status, response } });

  /** The RLS policy in docs/realtime.md: a private topic account:<id> needs account_id = <id>. */
  function authorize(
    topic: string,
    isPrivate: boolean,
    token: string | undefined,
  ): { claims: Record<string, unknown> | null; reason?: string } {
    const claims = token ? verifyJwt(jwtSecret, token) : null;
    if (token && !claims) return { claims, reason: "Invalid JWT: signature, algorithm or expiry rejected" };
    if (!isPrivate) return { claims };
    if (!claims)
      return {
        claims,
        reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${topic.replace(/^realtime:/, "")}`,
      };
    if (claims.role === "service_role") return { claims };
    const sub = topic.replace(/^realtime:/, "");
    if (claims.role !== "authenticated" || sub !== `account:${claims.account_id}`)
      return { claims, reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${sub}` };
    return { claims };
  }

  function onFrame(ws: WebSocket, f: Frame) {
    const state = sockets.get(ws)!;
    if (f.topic === "phoenix" && f.event === "heartbeat") {
      seen.heartbeats++;
      return reply(ws, f, "ok");
    }
    if (f.event === "phx_join") {
      const isPrivate = f.payload?.config?.private === true;
      const { claims, reason } = authorize(f.topic, isPrivate, f.payload?.access_token);
      seen.joins.push({ topic: f.topic, private: isPrivate, ok: !reason, ...(reason ? { reason } : {}), accountId: claims?.account_id });
      if (reason) return reply(ws, f, "error", { reason });
      state.joins.set(f.topic, { joinRef: f.join_ref ?? f.ref!, topic: f.topic, private: isPrivate, claims });
      return reply(ws, f, "ok", { postgres_changes: [] });
    }
    const join = state.joins.get(f.topic);
    if (f.event === "access_token" && join) {
      seen.accessTokenUpdates++;
      const { claims, reason } = authorize(f.topic, join.private, f.payload?.access_token);
      if (!reason) return void (join.claims = claims);
      state.joins.delete(f.topic);
      push(ws, {
        join_ref: join.joinRef,
        ref: null,
        topic: f.topic,
        event: "system",
        payload: { status: "error", message: reason, extension: "system", channel: f.topic.replace(/^realtime:/, "") },
      });
      return push(ws, { join_ref: join.joinRef, ref: null, topic: f.topic, event: "phx_close", payload: {} });
    }
    if (f.event === "phx_leave") {
      seen.leaves++;
      state.joins.delete(f.topic);
      return reply(ws, f, "ok");
    }
  }

  function deliver(subTopic: string, event: string, payload: unknown, isPrivate: boolean) {
    const topic = `realtime:${subTopic}`;
    seen.broadcasts.push({ topic: subTopic, event, payload, private: isPrivate });
    for (const [ws, s] of sockets) {
      const join = s.joins.get(topic);
      if (join && join.private === isPrivate)
        push(ws, { join_ref: null, ref: null, topic, event: "broadcast", payload: { type: "broadcast", event, payload } });
    }
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://standin");
    const reject = (status: number, reason: string) => {
      seen.rejectedHttp.push({ status, reason });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ message: reason }));
    };
    if (req.method !== "POST" || !url.pathname.startsWith("/realtime/v1/api/broadcast")) return reject(404, "Not found");
    if (!req.headers.apikey || !verifyJwt(jwtSecret, String(req.headers.apikey))) return reject(401, "Invalid or missing apikey");
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
    if (verifyJwt(jwtSecret, bearer)?.role !== "service_role") return reject(403, "Broadcast needs a service_role token");
    let body: any;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reject(400, "Body must be JSON");
    }
    const m = /^\/realtime\/v1\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(url.pathname);
    if (m) deliver(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), body, url.searchParams.get("private") === "true");
    else if (Array.isArray(body?.messages))
      for (const msg of body.messages) deliver(String(msg.topic), String(msg.event), msg.payload, msg.private === true);
    else return reject(400, "messages is required");
    res.writeHead(202).end();
  });
  const host = websocketHost(server);
  const { wss } = host;
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://standin");
    if (url.pathname !== "/realtime/v1/websocket" || !verifyJwt(jwtSecret, url.searchParams.get("apikey") ?? undefined)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    const vsn = url.searchParams.get("vsn") ?? "1.0.0";
    wss.handleUpgrade(req, socket, head, (ws) => {
      seen.connections++;
      seen.vsns.push(vsn);
      sockets.set(ws, { vsn, joins: new Map() });
      ws.on("close", () => sockets.delete(ws));
      ws.on("message", (raw, isBinary) => {
        if (isBinary) return; // client binary pushes (user broadcast) are not used by Switchboard
        try {
          const parsed = JSON.parse(String(raw));
          const f: Frame = Array.isArray(parsed)
            ? { join_ref: parsed[0], ref: parsed[1], topic: parsed[2], event: parsed[3], payload: parsed[4] }
            : parsed;
          onFrame(ws, f);
        } catch {
          ws.close(1003, "bad frame");
        }
      });
    });
  });
  const port = await host.listen();
  return {
    url: `http://127.0.0.1:${port}`,
    jwtSecret,
    anonKey,
    serviceRoleKey,
    seen,
    /** Settings for an app instance using this stand-in (REALTIME_DRIVER=supabase). */
    env: {
      REALTIME_DRIVER: "supabase",
      SUPABASE_URL: `http://127.0.0.1:${port}`,
      SUPABASE_ANON_KEY: anonKey,
      SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
      SUPABASE_JWT_SECRET: jwtSecret,
    } as Record<string, string>,
    joinedSockets: (subTopic: string) => [...sockets.values()].filter((s) => s.joins.has(`realtime:${subTopic}`)).length,
    dropConnections: () => {
      for (const ws of sockets.keys()) ws.terminate();
    },
    close: host.close,
  };
}
