import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/bootstrap/instance-secrets";
import type { Config } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import { createBlandTelephony } from "./bland";
import { resolveTelephonySettings } from "./config";
import type { TelephonyPort } from "./port";
import { createSimulatorTelephony } from "./simulator";

export type { TelephonyPort } from "./port";

const holder = globalThis as typeof globalThis & { __switchboardTelephony?: { key: string; port: TelephonyPort } };

/** The simulator's secret when none is configured: random, generated once, kept in the process database. */
const storedSimulatorSecret = async () => getOrCreateInstanceSecret((await getDatabase()).db, SIMULATOR_WEBHOOK_SECRET_NAME);

/**
 * Builds the adapter the configuration chooses (no caching; tests and benches own their instance).
 * `simulatorSecret` replaces the process database as the source of the simulator's stored secret.
 */
export function createTelephony(config: Config, opts: { simulatorSecret?: () => Promise<string> } = {}): TelephonyPort {
  const s = resolveTelephonySettings(config);
  if (s.driver === "bland") return createBlandTelephony(s.bland!);
  return createSimulatorTelephony({ speed: s.simulator.speed, webhookSecret: s.simulator.webhookSecret ?? opts.simulatorSecret ?? storedSimulatorSecret });
}

/**
 * The process's telephony adapter, built once per configuration (the simulator's webhook timers and
 * canceled set live in it, so every caller in the process must share one).
 */
export function getTelephony(config: Config): TelephonyPort {
  const key = [config.TELEPHONY_DRIVER, config.BLAND_API_KEY ?? "", config.BLAND_BASE_URL, config.TELEPHONY_SIM_SPEED].join("|");
  if (holder.__switchboardTelephony?.key !== key) {
    void holder.__switchboardTelephony?.port.close?.();
    holder.__switchboardTelephony = { key, port: createTelephony(config) };
  }
  return holder.__switchboardTelephony.port;
}

/** Deps plus the process's telephony adapter — what lib/calls functions take. */
export function withTelephony<D extends { config: Config }>(deps: D): D & { telephony: TelephonyPort } {
  return { ...deps, telephony: getTelephony(deps.config) };
}
