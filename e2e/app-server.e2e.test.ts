/**
 * `npm start` (server.mjs): the listen backlog it promises, a bad setting refused by name, and a bounded drain on
 * SIGTERM even while an event stream is open.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnAppServer, startApp, type RunningApp } from "./support/app-server";
import { eventually, faultAppEnv, provisionTenant, type FaultTenant } from "./support/fault-app";

const listenBacklog = (port: number): number | null => {
  // `ss` shows a listening socket's backlog as its Send-Q.
  const out = spawnSync("ss", ["-ltnH", `sport = :${port}`], { encoding: "utf8" }).stdout ?? "";
  const cols = out.trim().split(/\s+/);
  return cols.length >= 3 ? Number(cols[2]) : null;
};
const hasSs = spawnSync("ss", ["-V"]).status === 0;

describe("the app server (server.mjs)", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-app-server-"));
  const env = { ...faultAppEnv(), DATABASE_URL: "", REDIS_URL: "", DATA_DIR: dataDir };
  let t: FaultTenant;
  const apps: RunningApp[] = [];

  beforeAll(() => {
    t = provisionTenant(env);
  });
  afterAll(async () => {
    for (const a of apps) await a.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // skipIf: the backlog is read with iproute2's `ss` (Linux; on CI and the targets).
  it.skipIf(!hasSs)("listens with LISTEN_BACKLOG, not Node's default of 511", async () => {
    const app = await startApp({ ...env, LISTEN_BACKLOG: "1234" });
    apps.push(app);
    expect(listenBacklog(app.port)).toBe(1234);
    expect(app.logs()).toContain("listen backlog 1234");
    await app.stop();
  });

  it("refuses a bad LISTEN_BACKLOG at start, naming it, and serves nothing", async () => {
    const app = await spawnAppServer({ ...env, LISTEN_BACKLOG: "lots" });
    apps.push(app);
    const code = await eventually(async () => (app.process.exitCode !== null ? { code: app.process.exitCode } : null), "the exit", 60_000);
    expect(code.code).toBe(1);
    expect(app.logs()).toMatch(/LISTEN_BACKLOG: expected a whole number from 1 to 65535, got "lots"/);
  });

  it("exits on SIGTERM within SHUTDOWN_DRAIN_SECONDS even while an event stream is open (143)", async () => {
    const app = await startApp({ ...env, SHUTDOWN_DRAIN_SECONDS: "1" });
    apps.push(app);
    const stream = await fetch(`${app.baseUrl}/api/events`, { headers: { Authorization: `Bearer ${t.answerKey}` } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read(); // the stream is open and has said something
    const exited = new Promise<number | null>((resolve) => app.process.once("exit", (c) => resolve(c)));
    process.kill(app.process.pid!, "SIGTERM");
    // Without the drain's end the process would wait for the stream (REALTIME_SSE_MAX_SECONDS, 270) and this would time out.
    expect(await exited).toBe(143);
    // The stream was closed by the server (ended or reset), not left hanging.
    const end = await (async () => {
      try {
        for (;;) if ((await reader.read()).done) return "ended";
      } catch {
        return "reset";
      }
    })();
    expect(["ended", "reset"]).toContain(end);
  }, 60_000);
});
