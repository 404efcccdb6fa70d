import type { Config } from "@/lib/platform/config/env";
import { lazy, settingsKey } from "@/lib/platform/lazy";
import { createDependencyGuard, type DependencyGuard } from "@/lib/platform/resilience/breaker";
import { createLivenessProbe } from "@/lib/adapters/db/liveness-probe";

// Connection-level trouble (socket errors, postgres.js connection codes, SQLSTATE class 08, shutdowns,
// "too many connections") — not a constraint violation or a bad query, which say the database is up.
const FAULT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

export function isDatabaseFault(e: unknown): boolean {
  for (let x = e as { code?: unknown; cause?: unknown } | null, depth = 0; x && depth < 5; x = x.cause as typeof x, depth++) {
    const code = typeof x.code === "string" ? x.code : "";
    if (FAULT_CODES.has(code) || /^(08|57P0|53300)/.test(code)) return true;
  }
  return false;
}

/**
 * The database breaker for the escalation path ("auto-disable the HITL tool during outages"): after a few
 * connection failures, or time-outs while the database does not answer a probe of its own, ask_human answers
 * FALLBACK_UNREACHABLE at once instead of waiting on a dead database; every DATABASE_BREAKER_RESET_MS one
 * call probes, and the first success closes it. Work that is slow because the pool is queued up behind
 * healthy work is load, never an outage: it waits its turn (up to HITL_QUEUE_TIMEOUT_MS, then "busy").
 * Only for PostgreSQL: the embedded PGlite runs in-process and cannot become unreachable.
 */
export function databaseGuard(config: Config): DependencyGuard | null {
  if (!config.DATABASE_URL) return null;
  const url = config.DATABASE_URL;
  const s = {
    timeoutMs: config.HITL_DB_TIMEOUT_MS,
    threshold: 3,
    resetMs: config.DATABASE_BREAKER_RESET_MS,
    busyAfterMs: config.HITL_QUEUE_TIMEOUT_MS,
    connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
  };
  return lazy("database-guard", settingsKey([url, s]), () =>
    createDependencyGuard({
      dependency: "database",
      timeoutMs: s.timeoutMs,
      threshold: s.threshold,
      resetMs: s.resetMs,
      isFault: isDatabaseFault,
      isAlive: createLivenessProbe(url, s.connectTimeoutSeconds),
      busyAfterMs: s.busyAfterMs,
    }),
  );
}

/** Runs `fn` under the database breaker when there is one. */
export function withDatabaseGuard<T>(config: Config, fn: () => Promise<T>): Promise<T> {
  const guard = databaseGuard(config);
  return guard ? guard.run(fn) : fn();
}
