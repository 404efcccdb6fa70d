import type { Kv } from "@/lib/kv/port";

type Entry = { value: string; expiresAt: number | null };
type ZEntry = { members: Map<string, number>; expiresAt: number | null };

/** In-process adapter: the embedded default for one instance. */
export function createMemoryKv(now: () => number = Date.now): Kv {
  const strings = new Map<string, Entry>();
  const zsets = new Map<string, ZEntry>();
  const alive = <T extends { expiresAt: number | null }>(m: Map<string, T>, key: string): T | undefined => {
    const e = m.get(key);
    if (e && e.expiresAt !== null && e.expiresAt <= now()) {
      m.delete(key);
      return undefined;
    }
    return e;
  };
  // Drop expired keys now and then so a long-running process does not grow without bound.
  const sweep = setInterval(() => {
    for (const k of strings.keys()) alive(strings, k);
    for (const k of zsets.keys()) alive(zsets, k);
  }, 60_000);
  sweep.unref?.();

  return {
    driver: "memory",
    async get(key) {
      return alive(strings, key)?.value ?? null;
    },
    async set(key, value, opts = {}) {
      if (opts.onlyIfAbsent && alive(strings, key)) return false;
      strings.set(key, { value, expiresAt: opts.ttlMs ? now() + opts.ttlMs : null });
      return true;
    },
    async del(key) {
      strings.delete(key);
      zsets.delete(key);
    },
    async incr(key, ttlMs) {
      const e = alive(strings, key);
      const value = (e ? Number(e.value) : 0) + 1;
      const expiresAt = e?.expiresAt ?? now() + ttlMs;
      strings.set(key, { value: String(value), expiresAt });
      return { value, ttlMs: expiresAt - now() };
    },
    async zadd(key, score, member) {
      const z = alive(zsets, key) ?? { members: new Map(), expiresAt: null };
      z.members.set(member, score);
      zsets.set(key, z);
    },
    async zcount(key, min, max) {
      const z = alive(zsets, key);
      if (!z) return 0;
      let n = 0;
      for (const s of z.members.values()) if (s >= min && s <= max) n++;
      return n;
    },
    async zrem(key, member) {
      alive(zsets, key)?.members.delete(member);
    },
    async zremRangeByScore(key, min, max) {
      const z = alive(zsets, key);
      if (!z) return;
      for (const [m, s] of z.members) if (s >= min && s <= max) z.members.delete(m);
    },
    async pexpire(key, ttlMs) {
      const e = alive(strings, key) ?? alive(zsets, key);
      if (e) e.expiresAt = now() + ttlMs;
    },
    async ping() {},
    async close() {
      clearInterval(sweep);
      strings.clear();
      zsets.clear();
    },
  };
}
