import http from "node:http";
import type net from "node:net";
import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";
import { authenticate } from "@/lib/transports/http/authenticate";
import { errorResponse, json } from "@/lib/transports/http/respond";
import { openEventStream } from "@/lib/domains/realtime/open-event-stream";
import { authorizePusherChannel } from "@/lib/domains/realtime/authorize-pusher-channel";
import { readPusherAuthBody } from "@/lib/transports/http/read-pusher-auth-body";
import { refreshRealtimeToken } from "@/lib/domains/realtime/refresh-realtime-token";

/**
 * Our three realtime routes (GET /api/events, POST /api/realtime/pusher/auth, POST /api/realtime/supabase/token)
 * on a real HTTP server with the given Deps: the same authenticate → domain call as the Next route files,
 * minus getDeps() (which would build the process-wide deps). `dropConnections` cuts every open socket.
 */
export async function startRealtimeRoutes(deps: Deps) {
  const sockets = new Set<net.Socket>();
  const server = http.createServer(async (nodeReq, nodeRes) => {
    const abort = new AbortController();
    nodeRes.on("close", () => abort.abort());
    const chunks: Buffer[] = [];
    for await (const c of nodeReq) chunks.push(c as Buffer);
    const url = `http://${nodeReq.headers.host}${nodeReq.url}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(nodeReq.headers)) if (typeof v === "string") headers.set(k, v);
    const req = new Request(url, {
      method: nodeReq.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      signal: abort.signal,
    });
    let res: Response;
    try {
      const principal = await authenticate(req, deps);
      if (!principal) throw new AppError("unauthorized", "Sign in, or send an API key.");
      const path = new URL(url).pathname;
      if (req.method === "GET" && path === "/api/events") res = await openEventStream(deps, principal, req);
      else if (req.method === "POST" && path === "/api/realtime/pusher/auth")
        res = json(await authorizePusherChannel(deps, principal, await readPusherAuthBody(req)));
      else if (req.method === "POST" && path === "/api/realtime/supabase/token") res = json(refreshRealtimeToken(deps, principal));
      else throw new AppError("not_found", "No such route.");
    } catch (e) {
      res = errorResponse(e);
    }
    nodeRes.writeHead(res.status, Object.fromEntries(res.headers));
    nodeRes.flushHeaders();
    if (!res.body) return void nodeRes.end();
    const reader = res.body.getReader();
    abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}));
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        nodeRes.write(value);
      }
    } catch {
      // client went away
    }
    nodeRes.end();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dropConnections: () => {
      for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
