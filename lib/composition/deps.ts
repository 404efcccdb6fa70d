/**
 * The composition root: the one place that knows every adapter and builds `Deps` (the ports-only type in
 * lib/platform/deps.ts, which is all that domains see). Each adapter is built on first use, so a misconfigured
 * vendor fails only the requests that need it. Code a route may never run — the phone, weather, golf and Sheets
 * adapters — is imported on its first call (deferredPort), and each vendor SDK inside its adapter on first use,
 * so a route loads only what it runs (scripts/route-bundles.ts checks the budget).
 */
import { getConfig, type Config } from "@/lib/platform/config/env";
import type { Deps } from "@/lib/platform/deps";
import { createLazy, lazy, settingsKey, type Lazy } from "@/lib/platform/lazy";
import { getDatabase, type Database, type Db } from "@/lib/adapters/db/client";
import { getOrCreateInstanceSecret, SIMULATOR_WEBHOOK_SECRET_NAME } from "@/lib/adapters/db/instance-secrets";
import { busSettings, createBus, type EventBus } from "@/lib/adapters/events";
import { createKv, kvSettings, type Kv } from "@/lib/adapters/kv";
import { createRealtimePublisher, realtimeSettings } from "@/lib/adapters/realtime/publishers";
import { resolveTelephonySettings } from "@/lib/adapters/telephony/config";
import type { TelephonyPort } from "@/lib/adapters/telephony/port";
import type { GolfProviderName } from "@/lib/domains/golf/port";
import type { EmbeddingsMatcher } from "@/lib/domains/memory/embeddings/embeddings-matcher";
import { embeddingsSettings } from "@/lib/domains/memory/embeddings/settings";
import type { AnswerMatcher } from "@/lib/domains/memory/port";
import { createNtfy } from "@/lib/domains/notify/ntfy";
import { sheetsSettingsInputs } from "@/lib/domains/sheets/credentials";
import type { SheetsDrainer } from "@/lib/domains/sheets/port";
import type { WeatherPort } from "@/lib/domains/weather/port";
import { weatherSettings } from "@/lib/domains/weather/settings";
import { deferredPort } from "@/lib/platform/deferred-port";
import { kickOutbox } from "@/lib/composition/kicks";

export type { Deps } from "@/lib/platform/deps";

type Core = Pick<Deps, "db" | "kv" | "bus" | "config">;

/**
 * Deps over `core`, with each adapter built on first use and cached in `cache` (the process's for getDeps(),
 * its own for deps a test builds) under a key made from the settings the adapter resolves — the very values
 * its factory reads — so a changed setting builds a new one and an unchanged one never does.
 */
export function withAdapters(core: Core, cache: Lazy, opts: { simulatorSecret: (db: Db) => Promise<string> }): Deps {
  const c = core.config;
  const deps = {
    ...core,
    golf: async (accountId: string, name?: GolfProviderName) =>
      (await import("@/lib/domains/golf/provider-for")).golfProviderFor(deps, accountId, name),
    kick: (outbox) => kickOutbox(deps, outbox),
  } as Deps;
  const adapter = <K extends keyof Deps>(name: K, settings: () => unknown, make: () => Deps[K], dispose?: (old: Deps[K]) => void) =>
    Object.defineProperty(deps, name, {
      enumerable: true,
      configurable: true,
      get: () => cache(name, settingsKey([settings()]), make, dispose),
    });
  adapter(
    "telephony",
    () => resolveTelephonySettings(c),
    () =>
      deferredPort<TelephonyPort>({
        known: { name: resolveTelephonySettings(c).driver },
        methods: ["placeCall", "getCall", "stopCall", "listVoices", "listModels", "getRecording", "verifyWebhook"],
        load: async () =>
          (await import("@/lib/adapters/telephony")).createTelephony(c, { simulatorSecret: () => opts.simulatorSecret(core.db) }),
      }),
    (old) => void old.close?.(),
  );
  adapter(
    "realtime",
    () => realtimeSettings(c),
    () => createRealtimePublisher(c),
  );
  adapter(
    "notifier",
    () => c.NTFY_TIMEOUT_MS,
    () => createNtfy({ timeoutMs: c.NTFY_TIMEOUT_MS }),
  );
  adapter(
    "weather",
    () => weatherSettings(c),
    () =>
      deferredPort<WeatherPort>({
        known: { provider: weatherSettings(c).provider },
        methods: ["geocode", "forecast"],
        load: async () => (await import("@/lib/domains/weather")).createWeatherProvider(c),
      }),
  );
  // One breaker per process for the embeddings endpoint, built again only when its settings change.
  adapter(
    "answerMatcher",
    () => embeddingsSettings(c),
    () => deferredMatcher(c),
  );
  // One breaker and lease state per process: built with the deps of its first run, again only when the Sheets settings change.
  adapter(
    "sheets",
    () => sheetsSettingsInputs(c),
    () => deferredDrainer(deps, c),
  );
  return deps;
}

/** Answer memory's matcher, imported on its first search (the breaker of one never used is "up"). */
function deferredMatcher(c: Config): AnswerMatcher & { state(): "up" | "down" | "probing" } {
  const s = embeddingsSettings(c);
  let built: EmbeddingsMatcher | undefined;
  const port = deferredPort<AnswerMatcher>({
    known: { name: s ? "embeddings" : "lexical" },
    methods: ["findMatches"],
    load: async () => {
      if (!s) return (await import("@/lib/domains/memory/lexical-matcher")).lexicalMatcher;
      built = (await import("@/lib/domains/memory/embeddings/embeddings-matcher")).createEmbeddingsMatcher(s);
      return built;
    },
  });
  return { name: port.name, findMatches: port.findMatches, state: () => built?.state() ?? "up" };
}

/** The Sheets drainer, imported on its first run (until then its breaker has never opened: "closed"). */
function deferredDrainer(deps: Deps, c: Config): SheetsDrainer {
  const drainer = deferredPort<SheetsDrainer>({
    known: {},
    methods: ["run"],
    load: async () => {
      const [{ createSheetsDrainer }, { createSheetsPort }] = await Promise.all([
        import("@/lib/domains/sheets/drain"),
        import("@/lib/domains/sheets"),
      ]);
      built = createSheetsDrainer({ deps, port: createSheetsPort(c) });
      return built;
    },
  });
  let built: SheetsDrainer | undefined;
  return { run: drainer.run, breakerState: () => built?.breakerState() ?? "closed" };
}

const storedSimulatorSecret = (db: Db) => getOrCreateInstanceSecret(db, SIMULATOR_WEBHOOK_SECRET_NAME);

/** The process's deps: the same adapters for every route, job and tool call (lib/platform/lazy.ts). */
export async function getDeps(): Promise<Deps> {
  const config: Config = getConfig();
  const [database, bus] = await Promise.all([getDatabase(), lazy("bus", settingsKey([busSettings(config)]), () => createBus(config))]);
  const kv = lazy("kv", settingsKey([kvSettings(config)]), () => createKv(config));
  return withAdapters({ db: database.db, kv, bus, config }, lazy, { simulatorSecret: storedSimulatorSecret });
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

/** Forgets every process adapter and holder (tests; the next getDeps() builds them again from the configuration). */
export const resetProcessDeps = (): void => lazy.reset();

/** Deps on a database, kv and bus the caller opened (tests, benchmarks), with adapters of their own. */
export function depsFrom(core: Core): Deps {
  return withAdapters(core, createLazy(), { simulatorSecret: storedSimulatorSecret });
}
