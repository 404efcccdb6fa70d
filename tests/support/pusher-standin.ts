import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { WebSocket } from "ws";
import { websocketHost } from "@/tests/support/websocket-host";

/**
 * A local Pusher Channels server for tests, speaking the documented protocol 7
 * (https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol) and the signed HTTP
 * events API (https://pusher.com/docs/channels/library_auth_reference/rest-api):
 * - ws /app/<key>?protocol=7 → pusher:connection_established {socket_id, activity_timeout} (data as a JSON string);
 *   unknown key → pusher:error 4001, old protocol → 4007, then close.
 * - pusher:subscribe: public channels at once; private- channels need auth "<key>:<hex HMAC-SHA256(secret,
 *   '<socket_id>:<channel>')>", else pusher:error {code: null, message: "Invalid signature…"} as Pusher sends;
 *   success is pusher_internal:subscription_succeeded. pusher:unsubscribe, pusher:ping → pusher:pong.
 * - POST /apps/<app_id>/events verifies auth_key, auth_timestamp (±600 s), auth_version=1.0, body_md5 and
 *   auth_signature = hex HMAC-SHA256(secret, "POST\n<path>\n<query sorted by key, without auth_signature>"),
 *   then fans the event out to subscribed sockets (except socket_id, when given).
 * Everything it saw is recorded for assertions.
 */
export type PusherStandin = Awaited<ReturnType<typeof startPusherStandin>>;

export async function startPusherStandin(app = { appId: "4242", key: "standin-key", secret: "standin-secret" }) {
  const seen = {
    connections: 0,
    subscriptions: [] as { socketId: string; channel: string; ok: boolean; reason?: string }[],
    unsubscriptions: [] as { socketId: string; channel: string }[],
    pings: 0,
    events: [] as { name: string; channels: string[]; data: string }[],
    rejectedHttp: [] as { status: number; reason: string }[],
  };
  const sockets = new Map<WebSocket, { id: string; channels: Set<string> }>();
  let nextId = 1;
  const send = (ws: WebSocket, msg: Record<string, unknown>) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(msg));
  const sign = (text: string) => createHmac("sha256", app.secret).update(text).digest("hex");
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  const server = http.createServer((req, res) => void handleHttp(req, res));
  const host = websocketHost(server);
  const { wss } = host;
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://standin");
    const m = /^\/app\/([^/]+)$/.exec(url.pathname);
    if (!m) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, m[1]!, Number(url.searchParams.get("protocol") ?? 0)));
  });

  function onConnection(ws: WebSocket, key: string, protocol: number) {
    seen.connections++;
    if (key !== app.key) return refuse(ws, 4001, `App key ${key} not in this cluster`);
    if (!(protocol >= 7)) return refuse(ws, 4007, "Unsupported protocol version");
    const state = { id: `${nextId++}.${Math.floor(Math.random() * 1e9)}`, channels: new Set<string>() };
    sockets.set(ws, state);
    ws.on("close", () => sockets.delete(ws));
    send(ws, { event: "pusher:connection_established", data: JSON.stringify({ socket_id: state.id, activity_timeout: 120 }) });
    ws.on("message", (raw) => {
      let msg: { event?: string; data?: Record<string, string> | string; channel?: string };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return send(ws, { event: "pusher:error", data: { code: null, message: "Invalid JSON" } });
      }
      const data = (typeof msg.data === "string" ? safeParse(msg.data) : msg.data) ?? {};
      if (msg.event === "pusher:ping") {
        seen.pings++;
        return send(ws, { event: "pusher:pong", data: {} });
      }
      if (msg.event === "pusher:subscribe") return subscribe(ws, state, String(data.channel ?? ""), String(data.auth ?? ""));
      if (msg.event === "pusher:unsubscribe") {
        state.channels.delete(String(data.channel));
        seen.unsubscriptions.push({ socketId: state.id, channel: String(data.channel) });
      }
    });
  }

  function refuse(ws: WebSocket, code: number, message: string) {
    send(ws, { event: "pusher:error", data: { code, message } });
    ws.close(code, message);
  }

  function subscribe(ws: WebSocket, state: { id: string; channels: Set<string> }, channel: string, auth: string) {
    if (channel.startsWith("private-") || channel.startsWith("presence-")) {
      const expected = `${app.key}:${sign(`${state.id}:${channel}`)}`;
      if (!same(auth, expected)) {
        const reason = `Invalid signature: Expected HMAC SHA256 hex digest of ${state.id}:${channel}, but got ${auth.split(":")[1] ?? auth}`;
        seen.subscriptions.push({ socketId: state.id, channel, ok: false, reason });
        return send(ws, { event: "pusher:error", data: { code: null, message: reason } });
      }
    }
    state.channels.add(channel);
    seen.subscriptions.push({ socketId: state.id, channel, ok: true });
    send(ws, { event: "pusher_internal:subscription_succeeded", channel, data: "{}" });
  }

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://standin");
    const reject = (status: number, reason: string) => {
      seen.rejectedHttp.push({ status, reason });
      res.writeHead(status, { "content-type": "text/plain" }).end(reason);
    };
    if (req.method !== "POST" || url.pathname !== `/apps/${app.appId}/events`) return reject(404, "Not found");
    const q = Object.fromEntries(url.searchParams);
    if (q.auth_key !== app.key) return reject(401, "Unknown auth_key");
    if (q.auth_version !== "1.0") return reject(401, "auth_version must be 1.0");
    if (!(Math.abs(Date.now() / 1000 - Number(q.auth_timestamp)) < 600)) return reject(401, "Timestamp expired");
    if (q.body_md5 !== createHash("md5").update(body).digest("hex")) return reject(401, "body_md5 does not match the body");
    const signed = Object.keys(q)
      .filter((k) => k !== "auth_signature")
      .sort()
      .map((k) => `${k}=${q[k]}`)
      .join("&");
    if (!same(q.auth_signature ?? "", sign(`POST\n${url.pathname}\n${signed}`))) return reject(401, "Invalid signature");
    const event = safeParse(body) as { name?: string; data?: string; channels?: string[]; channel?: string; socket_id?: string } | null;
    const channels = event?.channels ?? (event?.channel ? [event.channel] : []);
    if (!event?.name || typeof event.data !== "string" || !channels.length)
      return reject(400, "name, data (a string) and channels are required");
    seen.events.push({ name: event.name, channels, data: event.data });
    for (const [ws, s] of sockets) {
      if (s.id === event.socket_id) continue;
      for (const ch of channels) if (s.channels.has(ch)) send(ws, { event: event.name, channel: ch, data: event.data });
    }
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  }

  const port = await host.listen();
  return {
    ...app,
    host: "127.0.0.1",
    port,
    seen,
    /** Settings for an app instance using this stand-in (REALTIME_DRIVER=pusher). */
    env: {
      REALTIME_DRIVER: "pusher",
      PUSHER_APP_ID: app.appId,
      PUSHER_KEY: app.key,
      PUSHER_SECRET: app.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(port),
      PUSHER_USE_TLS: "false",
    } as Record<string, string>,
    /** Sockets subscribed to `channel` right now. */
    subscribers: (channel: string) => [...sockets.values()].filter((s) => s.channels.has(channel)).length,
    /** Cuts every websocket (as a network drop would), so clients reconnect. */
    dropConnections: () => {
      for (const ws of sockets.keys()) ws.terminate();
    },
    close: host.close,
  };
}

function safeParse(text: string): Record<string, string> | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
