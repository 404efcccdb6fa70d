import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, timeout, TimeoutStrategy, wrap } from "cockatiel";
import { dependencyBusy, dependencyUnavailable, type Dependency, isBusy } from "@/lib/platform/resilience/dependency-error";
import { isSilent, tellBusyFromDown } from "@/lib/platform/resilience/tell-busy-from-down";
import { loopLagMs } from "@/lib/platform/resilience/loop-lag";

const timedOutConnecting = (e: unknown) => {
  for (let x = e as { code?: unknown; cause?: unknown } | null, d = 0; x && d < 5; x = x.cause as typeof x, d++)
    if (x.code === "CONNECT_TIMEOUT" || x.code === "ETIMEDOUT") return true;
  return false;
};
import { log } from "@/lib/platform/log";

// cockatiel 3.2.1's isTaskCancelledError tests the wrong flag (isBulkheadRejectedError), so read the flags
// its errors carry ourselves (no instanceof either: it does not hold across bundles).
const hasFlag = (e: unknown, flag: "isTaskCancelledError" | "isBrokenCircuitError") => typeof e === "object" && e !== null && flag in e;

export type GuardState = "up" | "down" | "probing";

export interface DependencyGuard {
  readonly dependency: Dependency;
  /** Runs one operation against the dependency: bounded by the timeout, refused at once while the breaker is open. */
  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** up: breaker closed; down: open (calls fail at once); probing: half-open, one call is testing the way back. */
  state(): GuardState;
}

export type GuardOptions = {
  dependency: Dependency;
  /** Longest one operation may take before it counts as a failure. */
  timeoutMs: number;
  /** Consecutive failures that open the breaker. */
  threshold: number;
  /** How long the breaker stays open before one call probes (half-open). */
  resetMs: number;
  /** Errors that say the dependency is unwell; others (a reply error, bad input) pass through and count as success. */
  isFault?: (e: unknown) => boolean;
  /**
   * When given, slowness alone is no fault: a slow operation counts only if the dependency also fails this
   * probe (lib/platform/resilience/tell-busy-from-down.ts); otherwise it waits until `busyAfterMs`, then is "busy".
   */
  isAlive?: (withinMs: number, since: number) => Promise<boolean>;
  busyAfterMs?: number;
};

/**
 * A circuit breaker (cockatiel) with a timeout, per dependency and process. After `threshold` failures in a
 * row every call fails at once with `dependencyUnavailable` — no request waits on a dead dependency —
 * until `resetMs` later one call probes; its success closes the breaker again (recovery needs no restart).
 */
export function createDependencyGuard(o: GuardOptions): DependencyGuard {
  const isFault = o.isFault ?? (() => true);
  const timedOut = (e: unknown) => hasFlag(e, "isTaskCancelledError") || isSilent(e);
  const breaker = circuitBreaker(
    handleWhen((e) => !isBusy(e) && (timedOut(e) || isFault(e))),
    { halfOpenAfter: o.resetMs, breaker: new ConsecutiveBreaker(o.threshold) },
  );
  const policy = wrap(breaker, timeout(o.timeoutMs, TimeoutStrategy.Aggressive));
  const { isAlive } = o;
  const progress = { lastAt: 0 };
  const execute = <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    isAlive
      ? breaker.execute(() =>
          tellBusyFromDown(fn, { ...o, isAlive, progress, busyAfterMs: o.busyAfterMs ?? o.timeoutMs * 5 }).catch((e) => {
            // A connection that timed out while this process's own timers ran late says nothing about the
            // dependency (the handshake's answer may be unread): load, not a fault.
            if (timedOutConnecting(e) && loopLagMs() > o.timeoutMs / 2) throw dependencyBusy(o.dependency);
            throw e;
          }),
        )
      : policy.execute(({ signal }) => fn(signal));
  breaker.onBreak(() => log.warn({ dependency: o.dependency }, "dependency unreachable: circuit open, degrading"));
  breaker.onReset(() => log.info({ dependency: o.dependency }, "dependency reachable again: circuit closed"));
  return {
    dependency: o.dependency,
    async run(fn) {
      try {
        return await execute(fn);
      } catch (e) {
        if (isBusy(e)) throw e;
        // Failures of the dependency (including timeouts and an open breaker) become one recognisable error.
        if (hasFlag(e, "isBrokenCircuitError") || timedOut(e) || isFault(e)) {
          throw dependencyUnavailable(o.dependency, e);
        }
        throw e;
      }
    },
    state() {
      const s = breaker.state;
      return s === CircuitState.Closed ? "up" : s === CircuitState.HalfOpen ? "probing" : "down";
    },
  };
}
