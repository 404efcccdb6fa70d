import type { Config } from "@/lib/platform/config/env";
import { createBlandTelephony } from "./bland";
import { resolveTelephonySettings } from "./config";
import type { TelephonyPort } from "./port";
import { createSimulatorTelephony } from "./simulator";

export type { TelephonyPort } from "./port";

/**
 * Builds the adapter the configuration chooses from what resolveTelephonySettings reads, nothing else
 * (lib/composition/deps.ts keys its cache on those settings and keeps the process's one: the simulator's
 * webhook timers and canceled set live in it, so every caller in the process must share one).
 * `simulatorSecret` gives the simulator's signing secret when SIMULATOR_WEBHOOK_SECRET is unset (the
 * composition root reads the one stored in the database).
 */
export function createTelephony(config: Config, opts: { simulatorSecret: () => Promise<string> }): TelephonyPort {
  const s = resolveTelephonySettings(config);
  if (s.driver === "bland") return createBlandTelephony(s.bland!);
  return createSimulatorTelephony({ speed: s.simulator.speed, webhookSecret: s.simulator.webhookSecret ?? opts.simulatorSecret });
}
