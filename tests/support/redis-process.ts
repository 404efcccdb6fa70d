import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { freePort } from "@/e2e/support/app-server";

/**
 * A redis-server of the test's own, on a free port, without persistence — started, stopped and restarted
 * by the test to drive a real outage. Never the shared Redis on 6379.
 */
export type RedisProcess = { port: number; url: string; stop(): Promise<void>; start(): Promise<void> };

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

async function until(cond: () => Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRedisProcess(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
      { stdio: "ignore" },
    );
    await until(() => reachable(port), `redis-server on ${port}`);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await exited;
    await until(async () => !(await reachable(port)), `redis-server on ${port} to stop`);
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start };
}
