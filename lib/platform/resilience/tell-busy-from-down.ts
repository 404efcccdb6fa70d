import { dependencyBusy, type Dependency } from "@/lib/platform/resilience/dependency-error";
import { loopLagMs } from "@/lib/platform/resilience/loop-lag";

/** Marks a time-out the breaker must count: the dependency did not answer its own probe either. */
export const SILENT = "DEPENDENCY_SILENT";
export const isSilent = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === SILENT;

export type BusyOrDown = {
  dependency: Dependency;
  /** Work slower than half of this makes us ask whether the dependency is there at all; the answer is due by this. */
  timeoutMs: number;
  /**
   * Answers within `withinMs` whether the dependency is up (on a connection of its own, not the busy pool's):
   * an answer it received after `since` (epoch ms), remembered or fresh — never one from before.
   */
  isAlive: (withinMs: number, since: number) => Promise<boolean>;
  /** Longest slow work may wait its turn while the dependency is up; then it is "busy". */
  busyAfterMs: number;
  /** When guarded work last succeeded (shared by every call through one guard): proof of life without a probe. */
  progress: { lastAt: number };
};

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error) => ({ ok: false as const, error }),
  );
const after = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), Math.max(0, ms)));
// One more turn of the event loop: on a process saturated by a burst, an answer that arrived in time may be
// waiting in a socket behind the timer that fired; it is read before this resolves.
const ioTurn = () => new Promise<void>((r) => setImmediate(r));

/** Whether the dependency answered a probe after `since`, within `withinMs` (counting an answer already waiting to be read). */
async function probe(o: BusyOrDown, withinMs: number, since: number): Promise<boolean> {
  let answered: boolean | undefined;
  const asked = o.isAlive(withinMs, since).then(
    (ok) => (answered = ok),
    () => (answered = false),
  );
  await Promise.race([asked, after(withinMs, undefined)]);
  if (answered === undefined) await ioTurn();
  return answered === true;
}

/**
 * Runs `fn` and tells load from an outage when it is slow. A pool queue of healthy work looks exactly like a
 * dead database from inside a request, so instead of timing the work alone we look for signs of life every
 * half `timeoutMs`: other guarded work that succeeded meanwhile, or else a probe on a connection of its own.
 * No sign of life by `timeoutMs` is an outage (the breaker counts it — a cut database is caught as fast as
 * before); with one, the work is merely queued and may finish until `busyAfterMs`, then it is "busy".
 */
export async function tellBusyFromDown<T>(fn: (signal: AbortSignal) => Promise<T>, o: BusyOrDown): Promise<T> {
  const started = Date.now();
  const half = Math.max(1, Math.floor(o.timeoutMs / 2));
  const ac = new AbortController();
  loopLagMs(); // starts the lag monitor on first use
  const work = settle(fn(ac.signal)).then((s) => {
    if (s.ok) o.progress.lastAt = Date.now();
    return s;
  });
  let since = started;
  for (;;) {
    const next = await Promise.race([work, after(half, "late" as const)]);
    if (next !== "late") return unwrap(next);
    if (Date.now() - started >= o.busyAfterMs) {
      ac.abort();
      throw dependencyBusy(o.dependency);
    }
    // A process whose own timers run late cannot judge silence (the answer may be unread in a socket): load.
    const alive = o.progress.lastAt > since || loopLagMs() > half || (await probe(o, o.timeoutMs - half, since)) || loopLagMs() > half;
    if (!alive) {
      ac.abort();
      throw Object.assign(new Error(`${o.dependency} did not answer within ${o.timeoutMs} ms, nor a probe of its own`), { code: SILENT });
    }
    since = Date.now();
  }
}

function unwrap<T>(s: Settled<T>): T {
  if (s.ok) return s.value;
  throw s.error;
}
