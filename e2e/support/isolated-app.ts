import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { cli, freshAppEnv, NO_OUTSIDE_REQUESTS, startApp, type RunningApp } from "./app-server";

export const ISOLATED_WEBHOOK_SECRET = "isolated-simulator-webhook-secret-0123";
/** The tenant's Retell API key (stored by the suites that sign Retell webhooks: PUT /api/settings/retell). */
export const ISOLATED_RETELL_KEY = "key_isolated_retell_0123456789ab";

/**
 * A `next start` of the built app with its own fresh database and one tenant, for suites that send
 * hostile input (side effects stay out of the shared app) or measure the server process (nothing else
 * talks to it).
 */
export async function startIsolatedApp(extraEnv: Record<string, string> = {}) {
  const db = await freshAppEnv("sbiso", {
    API_RATE_LIMIT_PER_MINUTE: "1000000",
    TELEPHONY_SIM_SPEED: "60",
    SIMULATOR_WEBHOOK_SECRET: ISOLATED_WEBHOOK_SECRET,
    ...NO_OUTSIDE_REQUESTS,
    // The scheduler stays on, as in production: its jobs build the process's telephony adapter from the
    // instrumentation chunk, so webhook routes see that chunk's error classes (the instanceof trap).
    ...extraEnv,
  });
  const env = db.env;
  const accountId = cli(env, "accounts", "create", "--name", "Isolated");
  const key = cli(
    env,
    "keys",
    "create",
    "--name",
    "everything",
    "--scopes",
    "hitl:ask,hitl:answer,calls:read,calls:write,admin",
    "--account",
    accountId,
  );
  const adminEmail = "admin@isolated.test";
  const adminPassword = `pw-${randomBytes(6).toString("hex")}`;
  cli(env, "members", "create", "--email", adminEmail, "--password", adminPassword, "--role", "admin", "--account", accountId);
  const app: RunningApp = await startApp(env);
  return {
    app,
    baseUrl: app.baseUrl,
    key,
    accountId,
    adminEmail,
    adminPassword,
    close: async () => {
      await app.stop();
      await db.drop();
    },
  };
}

/** Resident memory (KiB) of a process and all its descendants, from /proc (Linux). */
export function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  let total = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    for (const child of children ? children.split(/\s+/) : []) total += rssKiB(Number(child));
  }
  return total;
}
