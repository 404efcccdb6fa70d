import { dependencyBusy, type Dependency } from "@/lib/platform/resilience/dependency-error";

/** Marks a time-out the breaker must count: the dependency did not answer its own probe either. */
export const SILENT = "DEPENDENCY_SILENT";
export const isSilent = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === SILENT;

export type BusyOrDown = {
  dependency: Dependency;
  /** Work slower than this makes us ask whether the dependency is there at all. */
  timeoutMs: number;
  /** Answers within `withinMs` whether the dependency is up (on a connection of its own, not the busy pool's). */
  isAlive: (withinMs: number) => Promise<boolean>;
  /** Longest slow work may wait its turn while the dependency is up; then it is "busy". */
  busyAfterMs: number;
};

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error) => ({ ok: false as const, error }),
  );
const after = (ms: number) => new Promise<"late">((r) => setTimeout(() => r("late"), Math.max(0, ms)).unref?.());
const unwrap = <T>(s: Settled<T>): T => {
  if (s.ok) return s.value;
  throw s.error;
};

/**
 * Runs `fn` and tells load from an outage when it is slow. A pool queue of healthy work looks exactly like a
 * dead database from inside a request, so instead of timing the work alone we ask the dependency directly:
 * halfway through `timeoutMs` a probe starts on a connection of its own; if it has not answered by
 * `timeoutMs` the dependency is silent (a fault the breaker counts — a cut database is caught as fast as
 * before), if it answers, the work is merely queued and may finish until `busyAfterMs`, then it is "busy".
 */
export async function tellBusyFromDown<T>(fn: (signal: AbortSignal) => Promise<T>, o: BusyOrDown): Promise<T> {
  const started = Date.now();
  const ac = new AbortController();
  const work = settle(fn(ac.signal));
  const half = Math.floor(o.timeoutMs / 2);
  const early = await Promise.race([work, after(half)]);
  if (early !== "late") return unwrap(early);
  const alive = Promise.race([o.isAlive(o.timeoutMs - half).catch(() => false), after(o.timeoutMs - half).then(() => false)]);
  const next = await Promise.race([work, alive]);
  if (typeof next !== "boolean") return unwrap(next);
  if (!next) {
    ac.abort();
    throw Object.assign(new Error(`${o.dependency} did not answer within ${o.timeoutMs} ms, nor a probe of its own`), { code: SILENT });
  }
  const settled = await Promise.race([work, after(o.busyAfterMs - (Date.now() - started))]);
  if (settled !== "late") return unwrap(settled);
  ac.abort();
  throw dependencyBusy(o.dependency);
}
