import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, type RunningApp } from "./app-server";

const root = path.resolve(__dirname, "..", "..");

/**
 * The app as a newcomer first runs it: the embedded database (PGlite) in a fresh data directory, the demo
 * seed on, and nobody signed up — unlike the shared and isolated apps, which the CLI provisions with members.
 * DATABASE_URL="" means unset: the embedded default even when the run has a PostgreSQL server.
 */
export async function startFirstRunApp(): Promise<{
  app: RunningApp;
  env: Record<string, string>;
  dataDir: string;
  close: () => Promise<void>;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-first-run-"));
  const env: Record<string, string> = {
    DATABASE_URL: "",
    DATA_DIR: dataDir,
    SEED_DEMO: "true",
    KV_PREFIX: `sbfirst:${randomBytes(4).toString("hex")}:`,
    LOG_LEVEL: "warn",
  };
  const app = await startApp(env);
  return {
    app,
    env,
    dataDir,
    close: async () => {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real CLI (bin/switchboard.mjs), with its exit code and both streams. */
export function runCli(env: Record<string, string>, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "switchboard.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
