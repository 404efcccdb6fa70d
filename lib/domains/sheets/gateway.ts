import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from "cockatiel";
import type { Config } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { log } from "@/lib/platform/log";
import type { TokenBucket } from "@/lib/domains/sheets/token-bucket";
import type { Clock } from "@/lib/domains/sheets/clock";
import { isSheetsError } from "@/lib/domains/sheets/port";
import { recordRequest, saveBreaker, saveBucket } from "@/lib/domains/sheets/store";

export type BreakerState = "closed" | "open" | "half-open";

const stateName = (s: CircuitState): BreakerState =>
  s === CircuitState.Closed ? "closed" : s === CircuitState.HalfOpen ? "half-open" : "open";

// cockatiel's errors are recognised by the flag they carry (instanceof does not hold across bundles).
export const isBrokenCircuit = (e: unknown) => typeof e === "object" && e !== null && "isBrokenCircuitError" in e;

/**
 * The breaker in front of Google (cockatiel): SHEETS_BREAKER_THRESHOLD retryable failures in a row (429,
 * 5xx, time-outs, no connection) open it; while open nothing is sent and the outbox just grows; after
 * SHEETS_BREAKER_RESET_MS one request probes (half-open) and its success closes it. Its state is saved in
 * the database, so the admin page sees it and the next serverless instance starts where this one stopped.
 */
export function createBreaker(db: Db, c: Config, initialState?: unknown) {
  const breaker = circuitBreaker(
    handleWhen((e) => isSheetsError(e) && e.retryable),
    {
      halfOpenAfter: c.SHEETS_BREAKER_RESET_MS,
      breaker: new ConsecutiveBreaker(c.SHEETS_BREAKER_THRESHOLD),
      initialState: initialState ?? undefined,
    },
  );
  let saving: Promise<void> = Promise.resolve();
  breaker.onStateChange((s) => {
    const name = stateName(s);
    if (name === "open") log.warn({ dependency: "google sheets" }, "Google Sheets failing: circuit open, the outbox keeps the rows");
    if (name === "closed") log.info({ dependency: "google sheets" }, "Google Sheets reachable again: circuit closed");
    saving = saving.then(() => saveBreaker(db, name, breaker.toJSON())).catch(() => undefined);
  });
  return { policy: breaker, state: () => stateName(breaker.state), flush: () => saving };
}

export type Breaker = ReturnType<typeof createBreaker>;

/**
 * Sends one request to Google: through the breaker, then a token from the bucket (waiting for one on the
 * drainer's clock), and records it (the chart, counters, the last error). Reads and writes share the
 * bucket, so both of Google's per-user quotas are respected.
 */
export function createGateway(o: { db: Db; holder: string; clock: Clock; breaker: CircuitBreakerPolicy; bucket: TokenBucket }) {
  return async function send<T>(kind: string, rows: number, fn: () => Promise<T>): Promise<T> {
    return o.breaker.execute(async () => {
      for (let wait = o.bucket.tryTake(o.clock.now()); wait > 0; wait = o.bucket.tryTake(o.clock.now())) await o.clock.sleep(wait);
      await saveBucket(o.db, o.holder, o.bucket.tokens, o.bucket.at);
      const at = o.clock.now();
      try {
        const result = await fn();
        await recordRequest(o.db, { at, kind, status: 200, ok: true, rows });
        return result;
      } catch (e) {
        await recordRequest(o.db, {
          at,
          kind,
          status: isSheetsError(e) ? e.status : undefined,
          ok: false,
          rows,
          error: e instanceof Error ? e.message : String(e),
        });
        throw e;
      }
    });
  };
}

export type Send = ReturnType<typeof createGateway>;
