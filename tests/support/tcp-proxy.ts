import net from "node:net";
import { freePort } from "@/e2e/support/app-server";

/**
 * A TCP proxy the test controls, to make a database unreachable for real. `cut()` drops every open
 * connection; afterwards new connections are either refused (`refuse`: the host is up, the service is not)
 * or accepted and never answered (`blackhole`: packets dropped, the harder case — clients must time out).
 * `restore()` forwards again on the same port.
 */
export type TcpProxy = {
  port: number;
  cut(mode?: "refuse" | "blackhole"): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let blackhole = false;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  };
  const onConnection = (client: net.Socket) => {
    track(client);
    client.on("error", () => client.destroy());
    if (blackhole) return; // accepted, never answered
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    upstream.on("error", () => (client.destroy(), upstream.destroy()));
    client.on("error", () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      server = net.createServer(onConnection);
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  const stopListening = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  await listen();
  return {
    port,
    async cut(mode = "blackhole") {
      blackhole = mode === "blackhole";
      dropAll();
      if (mode === "refuse") await stopListening();
    },
    async restore() {
      blackhole = false;
      dropAll(); // the connections accepted while blackholed never got anywhere
      await listen();
    },
    async close() {
      dropAll();
      await stopListening();
    },
  };
}
