import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/adapters/db/instance-secrets";
import type { Config } from "@/lib/platform/config/env";
import { getDatabase } from "@/lib/adapters/db/client";
import { createBlandTelephony } from "./bland";
import { resolveTelephonySettings } from "./config";
import type { TelephonyPort } from "./port";
import { createSimulatorTelephony } from "./simulator";

export type { TelephonyPort } from "./port";

/** The simulator's secret when none is configured: random, generated once, kept in the process database. */
const storedSimulatorSecret = async () => getOrCreateInstanceSecret((await getDatabase()).db, SIMULATOR_WEBHOOK_SECRET_NAME);

/**
 * Builds the adapter the configuration chooses (lib/platform/deps.ts caches the process's one: the simulator's
 * webhook timers and canceled set live in it, so every caller in the process must share one).
 * `simulatorSecret` replaces the process database as the source of the simulator's stored secret.
 */
export function createTelephony(config: Config, opts: { simulatorSecret?: () => Promise<string> } = {}): TelephonyPort {
  const s = resolveTelephonySettings(config);
  if (s.driver === "bland") return createBlandTelephony(s.bland!);
  return createSimulatorTelephony({
    speed: s.simulator.speed,
    webhookSecret: s.simulator.webhookSecret ?? opts.simulatorSecret ?? storedSimulatorSecret,
  });
}
