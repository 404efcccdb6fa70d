/**
 * A loopback proxy that adds the API key: the suite's client cannot send an Authorization header.
 * Everything else (method, path, Host, Origin, body, streaming responses) passes through untouched, so the
 * app's Host/Origin checks see exactly what the suite sent (DNS-rebinding protection relies on it).
 */
import http from "node:http";
import type { Socket } from "node:net";
import { freePort } from "../../e2e/support/app-server";

export async function startAuthProxy(targetPort: number, apiKey: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, authorization: `Bearer ${apiKey}` };
    const upstream = http.request({ host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.statusMessage, up.headers);
      res.flushHeaders();
      up.pipe(res);
      up.on("error", () => res.destroy());
    });
    upstream.on("error", (e) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(`conformance proxy: ${e.message}`);
      else res.destroy();
    });
    // The suite closing its side (e.g. ending an SSE stream) ends the upstream request too.
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
