import type { Kv } from "@/lib/adapters/kv/port";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { isDependencyDown } from "@/lib/platform/resilience/dependency-error";

// One per process: what this instance counted while the shared kv was unreachable.
let local: Kv | undefined;

/**
 * The shared kv, or this instance's own memory while the shared one is unreachable. For counters that must
 * keep working through a kv outage (sign-in throttling): each instance then counts on its own, which beats
 * refusing every request. Not for state other instances must see.
 */
export function withLocalFallback(kv: Kv): Kv {
  if (kv.driver === "memory") return kv;
  const fallback = () => (local ??= createMemoryKv());
  const guarded = async <T>(run: (k: Kv) => Promise<T>): Promise<T> => {
    try {
      return await run(kv);
    } catch (e) {
      if (!isDependencyDown(e, "kv")) throw e;
      return run(fallback());
    }
  };
  return {
    driver: kv.driver,
    get: (key) => guarded((k) => k.get(key)),
    set: (key, value, opts) => guarded((k) => k.set(key, value, opts)),
    del: (key) => guarded((k) => k.del(key)),
    incr: (key, ttlMs) => guarded((k) => k.incr(key, ttlMs)),
    zadd: (key, score, member, opts) => guarded((k) => k.zadd(key, score, member, opts)),
    zcount: (key, min, max) => guarded((k) => k.zcount(key, min, max)),
    zrem: (key, member) => guarded((k) => k.zrem(key, member)),
    zremRangeByScore: (key, min, max) => guarded((k) => k.zremRangeByScore(key, min, max)),
    pexpire: (key, ttlMs) => guarded((k) => k.pexpire(key, ttlMs)),
    ping: () => kv.ping(),
    close: () => kv.close(),
  };
}
