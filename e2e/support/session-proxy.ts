import http from "node:http";
import { freePort } from "./app-server";

export type ProxiedRequest = {
  method: string;
  rpcMethod?: string;
  rpcId?: unknown;
  params?: any;
  status?: number;
  closedByClient: boolean;
  sessionId?: string;
};

/**
 * A loopback proxy in front of the app that behaves like a session-keeping MCP deployment: it hands out
 * an Mcp-Session-Id on initialize and answers 404 to a request carrying an id it has forgotten (what a
 * restarted or scaled-out server does). Switchboard itself is stateless, so this is how a test makes "the
 * server forgot the session" happen. It also records each request and whether the client closed it
 * before the response ended (how a cancelled call looks on the wire).
 */
export async function startSessionProxy(appBaseUrl: string) {
  const target = new URL(appBaseUrl);
  const live = new Set<string>();
  const seen: ProxiedRequest[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      let rpc: any;
      try {
        rpc = body.length ? JSON.parse(body.toString("utf8")) : undefined;
      } catch {
        rpc = undefined;
      }
      const sessionId = req.headers["mcp-session-id"] as string | undefined;
      const entry: ProxiedRequest = {
        method: req.method!,
        rpcMethod: rpc?.method,
        rpcId: rpc?.id,
        params: rpc?.params,
        closedByClient: false,
        sessionId,
      };
      seen.push(entry);
      if (sessionId && !live.has(sessionId)) {
        entry.status = 404;
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message: "Session not found" }, id: null }));
        return;
      }
      const headers = { ...req.headers };
      delete headers["mcp-session-id"];
      const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (up) => {
        const out = { ...up.headers } as http.OutgoingHttpHeaders;
        if (rpc?.method === "initialize" && up.statusCode === 200) {
          const id = `proxy-session-${++next}`;
          live.add(id);
          out["mcp-session-id"] = id;
        }
        entry.status = up.statusCode;
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      // The client hung up before the response finished: pass the hang-up on, as a real network would.
      res.on("close", () => {
        if (!res.writableFinished) {
          entry.closedByClient = true;
          upstream.destroy();
        }
      });
      upstream.end(body);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** Forget every session handed out so far: the next request carrying one gets 404. */
    forgetSessions: () => live.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
