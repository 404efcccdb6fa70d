import { sql } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { databaseGuard } from "@/lib/adapters/db/guard";
import type { DependencyGuard, GuardState } from "@/lib/platform/resilience/breaker";
import { lastVendorPublish } from "@/lib/adapters/realtime/vendor-status";
import { escalationSlots } from "@/lib/platform/resilience/escalation-slots";
import { shedCounts } from "@/lib/platform/resilience/shed-counts";

export type DependencyHealth = {
  /** up: working; degraded: unreachable but requests go on without it; down: requests that need it fail. */
  state: "up" | "degraded" | "down";
  ok: boolean;
  driver: string;
  /** How long the probe took (absent where there is no probe). */
  latencyMs?: number;
  /** The circuit breaker in front of it, when there is one. */
  breaker?: "closed" | "open" | "half-open";
  /** What the app does meanwhile. */
  fallback?: string;
  error?: string;
  /**
   * The database only: ask_human's escalation bulkhead now (in a slot, queued) and, since this process
   * started, tool calls answered "busy" (load) apart from "unreachable" (an outage).
   */
  load?: { active: number; queued: number; limit: number; queueMax: number; busy: number; unreachable: number };
};

const PROBE_TIMEOUT_MS = 1500;
const breakerName = (s: GuardState) => (s === "up" ? "closed" : s === "down" ? "open" : "half-open");

async function probe(fn: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)),
      ),
    ]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (e) {
    return { ok: false, latencyMs: Date.now() - started, error: e instanceof Error ? e.message.slice(0, 200) : "error" };
  } finally {
    clearTimeout(timer);
  }
}

/** Probes each dependency (in parallel, each bounded) and says how the app copes with the ones that are down. */
export async function checkDependencies(
  deps: Deps,
): Promise<{ status: "ok" | "degraded" | "down"; dependencies: Record<string, DependencyHealth> }> {
  const [db, kv, bus] = await Promise.all([
    probe(() => deps.db.execute(sql`select 1`)),
    probe(() => deps.kv.ping()),
    probe(() => deps.bus.ping()),
  ]);
  const dbGuard = databaseGuard(deps.config);
  const kvGuard = (deps.kv as { guard?: DependencyGuard }).guard;
  // A health check that reaches a recovered dependency doubles as the breaker's probe, so the state it
  // reports (and the next request) need not wait for a request to try.
  const probeThrough = (g: DependencyGuard | null | undefined, ok: boolean, fn: () => Promise<unknown>) =>
    g && ok && g.state() !== "up" ? g.run(fn).catch(() => {}) : undefined;
  await Promise.all([
    probeThrough(dbGuard, db.ok, () => deps.db.execute(sql`select 1`)),
    probeThrough(kvGuard, kv.ok, () => deps.kv.ping()),
  ]);
  const busLive = db.ok && bus.ok && (deps.bus.connected?.() ?? true);
  const dependencies: Record<string, DependencyHealth> = {
    database: {
      state: db.ok ? "up" : "down",
      driver: deps.config.DATABASE_URL ? "postgres" : "pglite",
      ...db,
      ...(dbGuard ? { breaker: breakerName(dbGuard.state()) } : {}),
      load: { ...escalationSlots(deps.config).stats(), ...shedCounts() },
      ...(db.ok ? {} : { fallback: "ask_human answers FALLBACK_UNREACHABLE; other requests fail with 503 until it is back" }),
    },
    kv: {
      state: kv.ok ? "up" : "degraded",
      driver: deps.kv.driver,
      ...kv,
      ...(kvGuard ? { breaker: breakerName(kvGuard.state()) } : {}),
      ...(kv.ok ? {} : { fallback: "rate limits per instance; presence estimated from the database; idempotency from the database" }),
    },
    eventBus: {
      state: busLive ? "up" : "degraded",
      driver: deps.bus.driver,
      ...bus,
      ok: busLive,
      ...(busLive
        ? {}
        : { fallback: "waiting calls are woken by the database re-check every HITL_RECHECK_INTERVAL_MS; events reach this instance only" }),
    },
  };
  const vendor = deps.config.realtimeDriver === "sse" ? undefined : lastVendorPublish();
  dependencies.realtime = {
    // SSE rides on the event bus; a vendor is judged by its last publish from this instance (no cheap probe).
    state: deps.config.realtimeDriver === "sse" ? dependencies.eventBus!.state : vendor && !vendor.ok ? "degraded" : "up",
    ok: deps.config.realtimeDriver === "sse" ? busLive : !vendor || vendor.ok,
    driver: deps.config.realtimeDriver,
    ...(vendor && !vendor.ok
      ? { error: vendor.error, fallback: "browsers miss live updates and resync their queue when they reconnect" }
      : {}),
  };
  // No probe (it would spend the endpoint's quota on every health check): the breaker says what searches found.
  const embeddings = deps.config.MEMORY_EMBEDDINGS_URL ? (deps.answerMatcher as { state?: () => GuardState }).state?.() : undefined;
  if (embeddings)
    dependencies.embeddings = {
      state: embeddings === "down" ? "degraded" : "up",
      ok: embeddings !== "down",
      driver: "openai-compatible",
      breaker: breakerName(embeddings),
      ...(embeddings === "down" ? { fallback: "answer memory searches with the lexical matcher" } : {}),
    };
  const status = !db.ok
    ? "down"
    : kv.ok && busLive && dependencies.realtime.ok && (dependencies.embeddings?.ok ?? true)
      ? "ok"
      : "degraded";
  return { status, dependencies };
}
