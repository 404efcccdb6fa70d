import type http from "node:http";
import type net from "node:net";
import { WebSocketServer } from "ws";

/**
 * The socket plumbing of a WebSocket vendor stand-in: a WebSocket server for `server`'s upgrades, every TCP
 * socket tracked so `close` ends live connections at once instead of waiting for clients to hang up.
 */
export function websocketHost(server: http.Server) {
  const wss = new WebSocketServer({ noServer: true });
  const tcp = new Set<net.Socket>();
  server.on("connection", (s) => {
    tcp.add(s);
    s.on("close", () => tcp.delete(s));
  });
  return {
    wss,
    /** Listens on a free loopback port and returns it. */
    listen: async (): Promise<number> => {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return (server.address() as net.AddressInfo).port;
    },
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      for (const s of tcp) s.destroy();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
