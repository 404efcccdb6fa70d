import type { Config } from "@/lib/config/env";
import { createBlandTelephony } from "./bland";
import { resolveTelephonySettings } from "./config";
import type { TelephonyPort } from "./port";
import { createSimulatorTelephony } from "./simulator";

export type { TelephonyPort } from "./port";

const holder = globalThis as typeof globalThis & { __switchboardTelephony?: { key: string; port: TelephonyPort } };

/** Builds the adapter the configuration chooses (no caching; tests and benches own their instance). */
export function createTelephony(config: Config): TelephonyPort {
  const s = resolveTelephonySettings(config);
  if (s.driver === "bland") return createBlandTelephony(s.bland!);
  return createSimulatorTelephony({ speed: s.simulator.speed, webhookSecret: s.simulator.webhookSecret });
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
