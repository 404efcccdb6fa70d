import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { buildApp, cli, freshAppEnv, NO_OUTSIDE_REQUESTS, startApp } from "./app-server";

export type E2eTenant = {
  accountId: string;
  agentKey: string;
  answerKey: string;
  /** A key no other test uses, for exhausting the per-key rate limit. */
  spareKey: string;
  /** hitl:*, calls:read, calls:write (no admin). */
  callsKey: string;
  /** Every scope, admin included. */
  adminKey: string;
  /** notify:send and weather:read only (the utility tools). */
  utilityKey: string;
  operatorEmail: string;
  operatorPassword: string;
  adminEmail: string;
  adminPassword: string;
  /** A second operator, for two-browser console tests. */
  operator2Email: string;
  operator2Password: string;
};
export type E2eEnv = {
  baseUrl: string;
  a: E2eTenant;
  b: E2eTenant;
  rateLimitPerMinute: number;
  /** The environment the app runs with (database, kv prefix…), for starting a second instance on the same data. */
  appEnv: Record<string, string>;
};

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eEnv;
  }
}

const RATE_LIMIT = 400;

/** Builds the app, provisions two tenants through the real CLI, starts `next start`, and shares the details. */
export default async function setup(project: TestProject) {
  buildApp();
  const db = await freshAppEnv("sbe2e", {
    HITL_PROGRESS_INTERVAL_MS: "1000",
    CALLBACK_BACKOFF_BASE_MS: "200",
    API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    CASE_TTL_MINUTES: "60",
    // calls: simulated calls finish in a second or two; a known link-signing secret lets the
    // calls suite forge an expired (validly signed) recording link.
    TELEPHONY_SIM_SPEED: "60",
    RECORDING_SIGNING_SECRET: "e2e-recording-signing-secret-0123456789",
    // get_weather then says it cannot reach the weather service.
    ...NO_OUTSIDE_REQUESTS,
    // Callback receivers and the ntfy stand-in listen on 127.0.0.1 (e2e/outbound-guard.e2e.test.ts runs an app
    // with this off and proves loopback is refused).
    OUTBOUND_ALLOW_LOOPBACK: "true",
    // Late answers are spoken only into control URLs on Vapi's hosts; the Vapi stand-in listens on 127.0.0.1.
    VAPI_CONTROL_HOSTS: "vapi.ai,127.0.0.1",
  });
  const env = db.env;
  const tenant = (name: string): E2eTenant => {
    const accountId = cli(env, "accounts", "create", "--name", name);
    const operatorEmail = `operator-${name.toLowerCase()}@e2e.test`;
    const operatorPassword = `pw-${randomBytes(6).toString("hex")}`;
    cli(env, "members", "create", "--email", operatorEmail, "--password", operatorPassword, "--role", "operator", "--account", accountId);
    const adminEmail = `admin-${name.toLowerCase()}@e2e.test`;
    const adminPassword = `pw-${randomBytes(6).toString("hex")}`;
    cli(env, "members", "create", "--email", adminEmail, "--password", adminPassword, "--role", "admin", "--account", accountId);
    const operator2Email = `operator2-${name.toLowerCase()}@e2e.test`;
    const operator2Password = `pw-${randomBytes(6).toString("hex")}`;
    cli(
      env,
      "members",
      "create",
      "--email",
      operator2Email,
      "--password",
      operator2Password,
      "--role",
      "operator",
      "--account",
      accountId,
      "--name",
      `${name} Second`,
    );
    return {
      accountId,
      agentKey: cli(env, "keys", "create", "--name", `${name} agent`, "--scopes", "hitl:ask", "--account", accountId),
      answerKey: cli(env, "keys", "create", "--name", `${name} answer bridge`, "--scopes", "hitl:answer", "--account", accountId),
      spareKey: cli(env, "keys", "create", "--name", `${name} spare`, "--scopes", "hitl:ask,hitl:answer", "--account", accountId),
      callsKey: cli(
        env,
        "keys",
        "create",
        "--name",
        `${name} calls`,
        "--scopes",
        "hitl:ask,hitl:answer,calls:read,calls:write",
        "--account",
        accountId,
      ),
      adminKey: cli(env, "keys", "create", "--name", `${name} admin`, "--scopes", "admin", "--account", accountId),
      utilityKey: cli(env, "keys", "create", "--name", `${name} utility`, "--scopes", "notify:send,weather:read", "--account", accountId),
      operatorEmail,
      operatorPassword,
      adminEmail,
      adminPassword,
      operator2Email,
      operator2Password,
    };
  };
  const a = tenant("Alpha");
  const b = tenant("Bravo");
  const app = await startApp(env);
  project.provide("e2e", { baseUrl: app.baseUrl, a, b, rateLimitPerMinute: RATE_LIMIT, appEnv: env });
  return async () => {
    await app.stop();
    await db.drop();
  };
}
