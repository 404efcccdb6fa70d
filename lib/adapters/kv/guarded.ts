import type { Kv } from "@/lib/adapters/kv/port";
import { createDependencyGuard, type DependencyGuard } from "@/lib/platform/resilience/breaker";

// An error Redis (or Upstash) sent back means the store is up: only transport failures count against it.
const isTransportFault = (e: unknown) => {
  const name = (e as { name?: string } | null)?.name;
  return name !== "ReplyError" && name !== "UpstashError";
};

export type GuardedKv = Kv & { readonly guard: DependencyGuard };

/**
 * A remote kv behind a circuit breaker: every command is bounded by `timeoutMs`, and after a few failures
 * in a row every command fails at once with `dependencyUnavailable("kv")` until a probe succeeds. Callers
 * degrade on that error (lib/domains/auth/rate-limit.ts, lib/domains/presence/presence.ts, lib/domains/hitl/create-case.ts).
 */
export function guardKv(kv: Kv, o: { timeoutMs: number; resetMs: number; threshold?: number }): GuardedKv {
  const guard = createDependencyGuard({
    dependency: "kv",
    timeoutMs: o.timeoutMs,
    resetMs: o.resetMs,
    threshold: o.threshold ?? 3,
    isFault: isTransportFault,
  });
  const run = <T>(fn: () => Promise<T>) => guard.run(fn);
  return {
    driver: kv.driver,
    guard,
    get: (key) => run(() => kv.get(key)),
    set: (key, value, opts) => run(() => kv.set(key, value, opts)),
    del: (key) => run(() => kv.del(key)),
    incr: (key, ttlMs) => run(() => kv.incr(key, ttlMs)),
    zadd: (key, score, member, opts) => run(() => kv.zadd(key, score, member, opts)),
    zcount: (key, min, max) => run(() => kv.zcount(key, min, max)),
    zrem: (key, member) => run(() => kv.zrem(key, member)),
    zremRangeByScore: (key, min, max) => run(() => kv.zremRangeByScore(key, min, max)),
    pexpire: (key, ttlMs) => run(() => kv.pexpire(key, ttlMs)),
    // The health probe bypasses the breaker, so /api/health sees recovery as soon as it happens.
    ping: () => kv.ping(),
    close: () => kv.close(),
  };
}
