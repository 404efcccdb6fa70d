/**
 * The embedded database (PGlite) after `kill -9`: restarting at once, while the killed process is still a
 * zombie its parent has not reaped, must serve normally with the data intact; a second process on a data
 * directory a live server holds must exit non-zero with a clear message — never answer 500s.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./support/api";
import { freePort, startApp, type RunningApp } from "./support/app-server";
import { eventually, faultAppEnv, provisionTenant, type FaultTenant } from "./support/fault-app";

const root = path.resolve(__dirname, "..");
const procState = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    return "gone";
  }
};

// skipIf: zombie and live-holder detection reads /proc/<pid>/stat, which only Linux has (CI and the targets are Linux).
describe.skipIf(process.platform !== "linux")("PGlite: kill -9, restart, second process", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-pglite-faults-"));
  const env = { ...faultAppEnv(), DATABASE_URL: "", REDIS_URL: "", DATA_DIR: dataDir };
  let t: FaultTenant;
  let reaperless: ChildProcess | undefined;
  let app: RunningApp | undefined;
  const extra: ChildProcess[] = [];

  beforeAll(() => {
    t = provisionTenant(env);
  });
  afterAll(async () => {
    for (const c of [reaperless, ...extra])
      if (c?.pid)
        try {
          process.kill(-c.pid, "SIGKILL");
        } catch {}
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("restarts right after kill -9 while the old pid is a zombie, with the data intact", async () => {
    // `sh` starts the app in the background and becomes `sleep`, a parent that never reaps it.
    const port = await freePort();
    const cmd = `"${process.execPath}" "${path.join(root, "server.mjs")}" --hostname 127.0.0.1 --port ${port} >"${dataDir}/first.log" 2>&1 & echo $!; exec sleep 600`;
    reaperless = spawn("sh", ["-c", cmd], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "ignore"],
      detached: true,
    });
    const appPid = await new Promise<number>((resolve) => reaperless!.stdout!.once("data", (d) => resolve(Number(String(d).trim()))));
    await eventually(
      () => fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok),
      "the first app to be healthy",
      90_000,
    );
    expect(Number(fs.readFileSync(path.join(dataDir, "pglite", "switchboard.pid"), "utf8"))).toBe(appPid);
    process.kill(appPid, "SIGKILL");
    await eventually(async () => procState(appPid) === "Z", "the killed app to be a zombie");

    app = await startApp(env);
    const health = await api(app.baseUrl).call("GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ status: "ok", dependencies: { database: { state: "up", driver: "pglite" } } });
    expect((await api(app.baseUrl).call("GET", "/api/cases?status=open", { key: t.answerKey })).status).toBe(200);
    expect(procState(appPid)).toBe("Z"); // the zombie was still there: the lock saw through it
  });

  it("a second process on the same data directory exits non-zero with a clear message, serving nothing", async () => {
    const port = await freePort();
    let output = "";
    const second = spawn(process.execPath, [path.join(root, "server.mjs"), "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    extra.push(second);
    second.stdout!.on("data", (d) => (output += d));
    second.stderr!.on("data", (d) => (output += d));
    const statuses: string[] = [];
    const code = await eventually(
      async () => {
        if (second.exitCode !== null) return { code: second.exitCode };
        const r = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
        if (r) statuses.push(`${r.status} ${r.headers.get("content-type")}`);
        return null;
      },
      "the second process to exit",
      90_000,
    );
    expect(code.code).not.toBe(0);
    expect(output).toMatch(/in use by process \d+/);
    // Never the plain-text 500 of a server whose start-up failed (a JSON 503 "down" is an honest answer).
    expect(statuses.filter((s) => s.startsWith("500") || (s.startsWith("5") && !s.includes("json")))).toEqual([]);
    // The first server is unaffected.
    expect((await fetch(`${app!.baseUrl}/api/health`)).status).toBe(200);
  });
});
