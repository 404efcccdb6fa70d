import type { RateLimiterMemory } from "rate-limiter-flexible";
import { AppError } from "@/lib/platform/errors";
import type { Deps } from "@/lib/platform/deps";
import { isDependencyDown } from "@/lib/platform/resilience/dependency-error";
import { log } from "@/lib/platform/log";

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute window per API key (or login email); throws 429 with the seconds until the window resets.
 * The counters live in kv so every instance shares them. While kv is unreachable each instance counts on its
 * own (rate-limiter-flexible in memory, same limit): with N instances a key may get up to N× the limit
 * during the outage, which beats refusing every request.
 */
export async function enforceRateLimit(
  { kv, config }: Pick<Deps, "kv" | "config">,
  keyId: string,
  limit = config.API_RATE_LIMIT_PER_MINUTE,
): Promise<void> {
  const window = Math.floor(Date.now() / WINDOW_MS);
  let counted: { value: number; ttlMs: number };
  try {
    counted = await kv.incr(`rl:${keyId}:${window}`, WINDOW_MS);
  } catch (e) {
    if (!isDependencyDown(e, "kv")) throw e;
    counted = await countLocally(keyId, limit);
  }
  if (counted.value > limit) {
    throw new AppError("rate_limited", `Too many requests: the limit is ${limit} per minute.`, {
      retryAfterSeconds: Math.max(1, Math.ceil(counted.ttlMs / 1000)),
    });
  }
}

// One in-memory limiter per limit value (API keys share one; login has its own).
const fallbacks = new Map<number, RateLimiterMemory>();

async function countLocally(keyId: string, limit: number): Promise<{ value: number; ttlMs: number }> {
  let limiter = fallbacks.get(limit);
  if (!limiter) {
    // Imported only during a kv outage: the package's entry loads every backend it supports (~70 KiB on every route).
    const { RateLimiterMemory } = await import("rate-limiter-flexible");
    limiter = new RateLimiterMemory({ points: limit, duration: WINDOW_MS / 1000, keyPrefix: `rl${limit}` });
    fallbacks.set(limit, limiter);
    log.warn({ limit }, "kv unreachable: rate limits are counted per instance");
  }
  try {
    const res = await limiter.consume(keyId);
    return { value: res.consumedPoints, ttlMs: res.msBeforeNext };
  } catch (res) {
    // Over the limit, the limiter rejects with its result (not an Error).
    const r = res as { consumedPoints?: unknown; msBeforeNext?: unknown };
    if (typeof r?.consumedPoints === "number" && typeof r.msBeforeNext === "number")
      return { value: r.consumedPoints, ttlMs: r.msBeforeNext };
    throw res;
  }
}
