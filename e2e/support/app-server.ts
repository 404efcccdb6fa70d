import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const root = path.resolve(__dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** `next build`, once per run (skip with E2E_SKIP_BUILD=1 when .next is fresh). */
export function buildApp(): void {
  if (process.env.E2E_SKIP_BUILD === "1" && fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  const r = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

/**
 * For the bench and the conformance run: reuse an existing build, `next build` only when there is none (or
 * E2E_SKIP_BUILD=0), and wait out another build holding .next/lock. Returns whether it built.
 */
export async function ensureBuilt(log: (msg: string) => void = () => {}): Promise<{ built: boolean }> {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const forced = process.env.E2E_SKIP_BUILD === "0";
  if (!forced && fs.existsSync(buildId)) process.env.E2E_SKIP_BUILD = "1";
  const willBuild = process.env.E2E_SKIP_BUILD !== "1";
  for (let attempt = 1; ; attempt++) {
    try {
      if (willBuild) log(`next build (attempt ${attempt})…`);
      buildApp();
      return { built: willBuild };
    } catch (e) {
      if (attempt >= 5) throw e;
      log(`${(e as Error).message} — another build may hold .next/lock; retrying in 30 s`);
      await new Promise((r) => setTimeout(r, 30_000));
      if (!forced && fs.existsSync(buildId)) process.env.E2E_SKIP_BUILD = "1";
    }
  }
}

/** A fresh database for the app under test: a new PostgreSQL database when DATABASE_URL is set, else a PGlite directory. */
export async function freshDatabaseEnv(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-"));
    return { env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sb_e2e_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    // A shared database in production needs the secrets key (the embedded default keeps one in DATA_DIR): the same for
    // the app and for every CLI command the tests run on this database.
    env: { DATABASE_URL: url.toString(), SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A fresh database plus what every app started by the tests or the bench runs with: its own kv prefix
 * (`<kvPrefix>:<random>:`, so runs sharing a Redis never meet), no demo data, quiet logs. `extra` adds or
 * overrides settings.
 */
export async function freshAppEnv(
  kvPrefix: string,
  extra: Record<string, string> = {},
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const db = await freshDatabaseEnv();
  const env = { ...db.env, KV_PREFIX: `${kvPrefix}:${randomBytes(4).toString("hex")}:`, SEED_DEMO: "false", LOG_LEVEL: "warn", ...extra };
  return { env, drop: db.drop };
}

/** No request leaves the machine: weather and ntfy point at a closed loopback port unless a test configures its own stand-in. */
export const NO_OUTSIDE_REQUESTS: Record<string, string> = {
  OPEN_METEO_GEOCODING_URL: "http://127.0.0.1:9",
  OPEN_METEO_FORECAST_URL: "http://127.0.0.1:9",
  NTFY_DEFAULT_SERVER_URL: "http://127.0.0.1:9",
};

/** Runs the real CLI (bin/switchboard.mjs) and returns its stdout. */
export function cli(env: Record<string, string>, ...args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "switchboard.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`switchboard ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}

export type RunningApp = { baseUrl: string; port: number; process: ChildProcess; logs: () => string; stop: () => Promise<void> };

/**
 * Spawns the built app as `npm start` runs it (`server.mjs`: Next's request handler with our listen backlog) on
 * a free port of 127.0.0.1 (its own process group) without waiting for it: the one way tests and the bench start
 * it. `stop` ends the group (SIGTERM, then SIGKILL after 5 s).
 */
export async function spawnAppServer(env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "server.mjs"), "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    process: child,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}

/** The app server (`server.mjs`) on 127.0.0.1 with the given environment; resolves when /api/health answers. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const app = await spawnAppServer(env);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (app.process.exitCode !== null) throw new Error(`app exited early:\n${app.logs()}`);
    const ok = await fetch(`${app.baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`app did not become healthy:\n${app.logs()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return app;
}
