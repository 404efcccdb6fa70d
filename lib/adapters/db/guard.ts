import type { Config } from "@/lib/platform/config/env";
import { lazy, settingsKey } from "@/lib/platform/lazy";
import { createDependencyGuard, type DependencyGuard } from "@/lib/platform/resilience/breaker";

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
 * connection failures or time-outs in a row, ask_human answers FALLBACK_UNREACHABLE at once instead of
 * waiting on a dead database; every DATABASE_BREAKER_RESET_MS one call probes, and the first success closes
 * it. Only for PostgreSQL: the embedded PGlite runs in-process and cannot become unreachable. One per
 * process, in the process cache (lib/platform/lazy.ts), keyed on the settings it is built from.
 */
export function databaseGuard(config: Config): DependencyGuard | null {
  if (!config.DATABASE_URL) return null;
  const s = { timeoutMs: config.HITL_DB_TIMEOUT_MS, threshold: 3, resetMs: config.DATABASE_BREAKER_RESET_MS };
  return lazy("database-guard", settingsKey([s]), () => createDependencyGuard({ dependency: "database", ...s, isFault: isDatabaseFault }));
}

/** Runs `fn` under the database breaker when there is one. */
export function withDatabaseGuard<T>(config: Config, fn: () => Promise<T>): Promise<T> {
  const guard = databaseGuard(config);
  return guard ? guard.run(fn) : fn();
}
