import type { Kv } from "@/lib/adapters/kv/port";

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
  // One key space, as in Redis: a string command on a sorted set (or the reverse) is an error.
  const WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
  const str = (key: string) => {
    if (alive(zsets, key)) throw new Error(WRONGTYPE);
    return alive(strings, key);
  };
  const zset = (key: string) => {
    if (alive(strings, key)) throw new Error(WRONGTYPE);
    return alive(zsets, key);
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
      return str(key)?.value ?? null;
    },
    async set(key, value, opts = {}) {
      // NX sees a key of any type, and SET replaces whatever was there.
      if (opts.onlyIfAbsent && (alive(strings, key) || alive(zsets, key))) return false;
      zsets.delete(key);
      strings.set(key, { value, expiresAt: opts.ttlMs ? now() + opts.ttlMs : null });
      return true;
    },
    async del(key) {
      strings.delete(key);
      zsets.delete(key);
    },
    async incr(key, ttlMs) {
      const e = str(key);
      const value = (e ? Number(e.value) : 0) + 1;
      // Like Redis: a value that is not an integer cannot be incremented (and is left untouched).
      if (!Number.isSafeInteger(value) || (e && !/^-?\d+$/.test(e.value))) {
        throw new Error("ERR value is not an integer or out of range");
      }
      const expiresAt = e?.expiresAt ?? now() + ttlMs;
      strings.set(key, { value: String(value), expiresAt });
      return { value, ttlMs: expiresAt - now() };
    },
    async zadd(key, score, member, opts) {
      const z = zset(key) ?? { members: new Map(), expiresAt: null };
      if (opts?.onlyExisting && !z.members.has(member)) return;
      z.members.set(member, score);
      zsets.set(key, z);
    },
    async zcount(key, min, max) {
      const z = zset(key);
      if (!z) return 0;
      let n = 0;
      for (const s of z.members.values()) if (s >= min && s <= max) n++;
      return n;
    },
    // Like Redis, a sorted set left empty is deleted, TTL and all: a later zadd starts a fresh key.
    async zrem(key, member) {
      const z = zset(key);
      if (!z) return;
      z.members.delete(member);
      if (z.members.size === 0) zsets.delete(key);
    },
    async zremRangeByScore(key, min, max) {
      const z = zset(key);
      if (!z) return;
      for (const [m, s] of z.members) if (s >= min && s <= max) z.members.delete(m);
      if (z.members.size === 0) zsets.delete(key);
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
