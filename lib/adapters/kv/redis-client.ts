import Redis, { type RedisOptions } from "ioredis";

/**
 * An ioredis client that fails fast while Redis is away instead of queueing: no offline queue, short
 * connect and command timeouts, and reconnection forever with a capped backoff so it recovers by itself.
 * Without this a request waited 1–3 s (retries of a queued command) before failing.
 */
export function createFastFailRedis(url: string, opts: RedisOptions & { timeoutMs?: number } = {}): Redis {
  const { timeoutMs = 500, ...rest } = opts;
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    connectTimeout: Math.max(1000, timeoutMs * 2),
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(100 * 2 ** times, 2000),
    ...rest,
  });
  // ioredis emits "error" on every failed reconnect; the callers report the outage (breaker, health).
  redis.on("error", () => {});
  return redis;
}

/**
 * Resolves once the client is connected, or rejects after `ms`. A fresh client is not ready for its first
 * commands, and with the offline queue off they would fail at once; a client that lost Redis waits here
 * only briefly (its caller's breaker stops asking after a few failures).
 */
export function whenReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  if (redis.status === "end") return Promise.reject(new Error("Redis connection closed"));
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => done();
    const timer = setTimeout(() => done(new Error(`Redis not connected within ${ms} ms (status ${redis.status})`)), ms);
    redis.once("ready", onReady);
  });
}
