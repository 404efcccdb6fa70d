import { ConfigError, type Config } from "@/lib/platform/config/env";

export type TelephonySettings = {
  driver: "simulator" | "bland";
  bland?: { apiKey: string; baseUrl: string; webhookSecret: string; timeoutMs: number; maxRetries: number };
  /** webhookSecret: SIMULATOR_WEBHOOK_SECRET, or undefined for the random one stored in the database. */
  simulator: { speed: number; webhookSecret?: string };
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
    simulator: { speed: c.TELEPHONY_SIM_SPEED, webhookSecret: c.SIMULATOR_WEBHOOK_SECRET },
  };
}
