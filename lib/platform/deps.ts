import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/adapters/db/instance-secrets";
import { getConfig, type Config } from "@/lib/platform/config/env";
import { getDatabase, type Database, type Db } from "@/lib/adapters/db/client";
import type { GolfProviderName } from "@/lib/adapters/db/schema";
import { createBus, type EventBus } from "@/lib/adapters/events";
import { golfProviderFor } from "@/lib/domains/golf/provider-for";
import type { GolfProvider } from "@/lib/domains/golf/port";
import { createKv, type Kv } from "@/lib/adapters/kv";
import { createLazy, lazy, settingsKey, type Lazy } from "@/lib/platform/lazy";
import { createNtfy } from "@/lib/domains/notify/ntfy";
import type { NotifyPort } from "@/lib/domains/notify/port";
import type { RealtimePublisher } from "@/lib/adapters/realtime/port";
import { createRealtimePublisher } from "@/lib/adapters/realtime/publishers";
import { createSheetsPort } from "@/lib/domains/sheets";
import { createSheetsDrainer, type SheetsDrainer } from "@/lib/domains/sheets/drain";
import { createTelephony } from "@/lib/adapters/telephony";
import type { TelephonyPort } from "@/lib/adapters/telephony/port";
import { createWeatherProvider } from "@/lib/domains/weather";
import type { WeatherPort } from "@/lib/domains/weather/port";

/** What domain functions need from the outside world; tests build their own (tests/support/test-deps.ts). */
export type Deps = {
  db: Db;
  kv: Kv;
  bus: EventBus;
  config: Config;
  /** The process's phone provider (an account that connected Retell gets its own: lib/domains/calls/account-telephony.ts). */
  telephony: TelephonyPort;
  /** The vendor fan-out (Pusher, Supabase Realtime), or null for SSE, which reads the bus. */
  realtime: RealtimePublisher | null;
  notifier: NotifyPort;
  weather: WeatherPort;
  /** The Google Sheets drainer (one breaker per process). */
  sheets: SheetsDrainer;
  /** The account's tee-time provider (its settings choose), or the one named. */
  golf: (accountId: string, name?: GolfProviderName) => Promise<GolfProvider>;
};

type Core = Pick<Deps, "db" | "kv" | "bus" | "config">;

/**
 * The one place adapters are wired. Each is built on first use (a misconfigured vendor fails only the
 * requests that need it) and cached by `cache`: the process's for getDeps(), its own (createLazy()) for deps a test builds.
 */
export function withAdapters(core: Core, cache: Lazy, opts: { simulatorSecret?: () => Promise<string> } = {}): Deps {
  const c = core.config;
  const deps = { ...core, golf: (accountId: string, name?: GolfProviderName) => golfProviderFor(deps, accountId, name) } as Deps;
  const adapter = <K extends keyof Deps>(name: K, key: unknown[], make: () => Deps[K], dispose?: (old: Deps[K]) => void) =>
    Object.defineProperty(deps, name, { enumerable: true, configurable: true, get: () => cache(name, settingsKey(key), make, dispose) });
  // Keyed on the settings the adapter reads, so a changed configuration (tests) builds a new one.
  adapter(
    "telephony",
    [c.TELEPHONY_DRIVER, c.BLAND_API_KEY ?? "", c.BLAND_BASE_URL, c.TELEPHONY_SIM_SPEED],
    () => createTelephony(c, opts),
    (old) => void old.close?.(),
  );
  adapter(
    "realtime",
    [
      c.realtimeDriver,
      c.PUSHER_APP_ID,
      c.PUSHER_KEY,
      c.PUSHER_SECRET,
      c.PUSHER_CLUSTER,
      c.PUSHER_HOST,
      c.PUSHER_PORT,
      c.PUSHER_USE_TLS,
      c.SUPABASE_URL,
      c.SUPABASE_SERVICE_ROLE_KEY,
    ],
    () => createRealtimePublisher(c),
  );
  adapter("notifier", [c.NTFY_TIMEOUT_MS], () => createNtfy({ timeoutMs: c.NTFY_TIMEOUT_MS }));
  adapter(
    "weather",
    [
      c.WEATHER_PROVIDER,
      c.OPENWEATHER_API_KEY,
      c.OPENWEATHER_BASE_URL,
      c.OPEN_METEO_GEOCODING_URL,
      c.OPEN_METEO_FORECAST_URL,
      c.WEATHER_TIMEOUT_MS,
    ],
    () => createWeatherProvider(c),
  );
  // Built once with the deps of its first run: its breaker and lease state are the process's.
  adapter("sheets", [], () => createSheetsDrainer({ deps, port: createSheetsPort(c) }));
  return deps;
}

/** `deps` with some fields replaced; the others stay lazy (a spread would build every adapter, and a misconfigured one would throw). */
export function withDeps<D extends Deps>(deps: D, patch: Partial<Deps>): D {
  return Object.defineProperties({} as D, { ...Object.getOwnPropertyDescriptors(deps), ...Object.getOwnPropertyDescriptors(patch) });
}

/** The process's deps: the same adapters for every route, job and tool call (lib/platform/lazy.ts). */
export async function getDeps(): Promise<Deps> {
  const config = getConfig();
  const [database, bus] = await Promise.all([getDatabase(), lazy("bus", "", () => createBus(config))]);
  const kv = lazy("kv", "", () => createKv(config));
  return withAdapters({ db: database.db, kv, bus, config }, lazy);
}

/**
 * Tests that drive routes in-process: getDeps() and getDatabase() answer with these until resetProcessDeps().
 * Closing them stays with the test.
 */
export function provideProcessDeps(d: { database: Database; kv: Kv; bus: EventBus; telephony?: TelephonyPort }): void {
  lazy.pin("database", Promise.resolve(d.database));
  lazy.pin("kv", d.kv);
  lazy.pin("bus", Promise.resolve(d.bus));
  if (d.telephony) lazy.pin("telephony", d.telephony);
}

/** Forgets every process adapter (tests; the next getDeps() builds them again from the configuration). */
export const resetProcessDeps = (): void => lazy.reset();

/** Deps on a database, kv and bus the caller opened (tests, benchmarks), with adapters of their own. */
export function depsFrom(core: Core): Deps {
  return withAdapters(core, createLazy(), { simulatorSecret: () => getOrCreateInstanceSecret(core.db, SIMULATOR_WEBHOOK_SECRET_NAME) });
}
