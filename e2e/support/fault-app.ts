import { randomBytes } from "node:crypto";
import { cli } from "./app-server";

/** One tenant provisioned through the real CLI, for a fault test's own app instance. */
export type FaultTenant = { accountId: string; agentKey: string; answerKey: string; operatorEmail: string; operatorPassword: string };

export function provisionTenant(env: Record<string, string>, name = "Faults"): FaultTenant {
  const accountId = cli(env, "accounts", "create", "--name", name);
  const operatorEmail = `operator-${randomBytes(3).toString("hex")}@faults.test`;
  const operatorPassword = `pw-${randomBytes(6).toString("hex")}`;
  cli(env, "members", "create", "--email", operatorEmail, "--password", operatorPassword, "--role", "operator", "--account", accountId);
  return {
    accountId,
    agentKey: cli(env, "keys", "create", "--name", "agent", "--scopes", "hitl:ask", "--account", accountId),
    answerKey: cli(env, "keys", "create", "--name", "answer bridge", "--scopes", "hitl:answer", "--account", accountId),
    operatorEmail,
    operatorPassword,
  };
}

/** The settings every fault test's app shares: its own kv prefix, quick safety net and breaker probes. */
export const faultAppEnv = (): Record<string, string> => ({
  KV_PREFIX: `sbfault:${randomBytes(4).toString("hex")}:`,
  SEED_DEMO: "false",
  SCHEDULER: "false",
  LOG_LEVEL: "warn",
  HITL_RECHECK_INTERVAL_MS: "500",
  KV_BREAKER_RESET_MS: "1000",
  DATABASE_BREAKER_RESET_MS: "1000",
});

/** Polls `check` until it returns something truthy (generous deadline: the machine may be loaded). */
export async function eventually<T>(check: () => Promise<T>, what: string, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - started };
};
