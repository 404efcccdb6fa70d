import { createHmac } from "node:crypto";
import { ConfigError, type Config } from "@/lib/config/env";

export type TelephonySettings = {
  driver: "simulator" | "bland";
  bland?: { apiKey: string; baseUrl: string; webhookSecret: string; timeoutMs: number; maxRetries: number };
  simulator: { speed: number; webhookSecret: string };
};

/**
 * Resolves the telephony section of the configuration: which driver runs (auto = Bland when a key is
 * set) and the cross-field rules a plain schema cannot express. Throws ConfigError naming the variable.
 */
export function resolveTelephonySettings(c: Config): TelephonySettings {
  const driver = c.TELEPHONY_DRIVER === "auto" ? (c.BLAND_API_KEY ? "bland" : "simulator") : c.TELEPHONY_DRIVER;
  const problems: string[] = [];
  if (driver === "bland" && !c.BLAND_API_KEY) problems.push("BLAND_API_KEY: required when TELEPHONY_DRIVER=bland");
  // Without the secret every webhook would be refused (or, worse, accepted unsigned); fail at start-up instead.
  if (driver === "bland" && !c.BLAND_WEBHOOK_SECRET)
    problems.push("BLAND_WEBHOOK_SECRET: required with the Bland driver (Bland dashboard → Settings → Keys → webhook signing secret)");
  if (problems.length) throw new ConfigError(problems);
  return {
    driver,
    bland:
      driver === "bland"
        ? {
            apiKey: c.BLAND_API_KEY!,
            baseUrl: c.BLAND_BASE_URL.replace(/\/+$/, ""),
            webhookSecret: c.BLAND_WEBHOOK_SECRET!,
            timeoutMs: c.BLAND_TIMEOUT_MS,
            maxRetries: c.BLAND_MAX_RETRIES,
          }
        : undefined,
    simulator: { speed: c.TELEPHONY_SIM_SPEED, webhookSecret: simulatorSecret(c) },
  };
}

/**
 * The simulator signs its webhooks like Bland does. Every instance must agree on the secret, so an unset
 * SIMULATOR_WEBHOOK_SECRET is derived from settings all instances share (CRON_SECRET, else DATABASE_URL);
 * with neither (the single-process embedded default) it is a fixed local value. Set it explicitly in production.
 */
function simulatorSecret(c: Config): string {
  if (c.SIMULATOR_WEBHOOK_SECRET) return c.SIMULATOR_WEBHOOK_SECRET;
  const seed = c.CRON_SECRET ?? c.DATABASE_URL ?? "switchboard-embedded";
  return createHmac("sha256", "switchboard simulator webhook secret v1").update(seed).digest("hex");
}
