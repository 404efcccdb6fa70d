/**
 * Short-lived state with TTLs: HITL session correlation, idempotency keys, rate-limit counters,
 * presence. Nothing here may be the only copy of data that must not be lost (that is Postgres).
 */
export interface Kv {
  readonly driver: "memory" | "redis" | "upstash";
  get(key: string): Promise<string | null>;
  /** Sets a value; with `onlyIfAbsent` it writes only when the key is missing and says whether it wrote. */
  set(key: string, value: string, opts?: { ttlMs?: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Atomically increments a counter; a new counter gets `ttlMs`. Returns the value and the time left. */
  incr(key: string, ttlMs: number): Promise<{ value: number; ttlMs: number }>;
  /** Sorted sets, used for presence (score = expiry time in ms). */
  /** `onlyExisting`: update a member already in the set, never add one (Redis ZADD XX). */
  zadd(key: string, score: number, member: string, opts?: { onlyExisting?: boolean }): Promise<void>;
  zcount(key: string, min: number, max: number): Promise<number>;
  zrem(key: string, member: string): Promise<void>;
  zremRangeByScore(key: string, min: number, max: number): Promise<void>;
  pexpire(key: string, ttlMs: number): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The Lua both Redis adapters use for `incr`, so a counter and its TTL are set in one step. */
export const INCR_WITH_TTL_LUA = `
local v = redis.call('INCR', KEYS[1])
if v == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {v, t}
`;
