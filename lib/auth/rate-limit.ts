import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import type { Kv } from "@/lib/kv";

const WINDOW_MS = 60_000;

/** Fixed one-minute window per API key; throws 429 with the seconds until the window resets. */
export async function enforceRateLimit(kv: Kv, keyId: string, limit = getConfig().API_RATE_LIMIT_PER_MINUTE): Promise<void> {
  const window = Math.floor(Date.now() / WINDOW_MS);
  const { value, ttlMs } = await kv.incr(`rl:${keyId}:${window}`, WINDOW_MS);
  if (value > limit) {
    throw new AppError("rate_limited", `Too many requests: the limit is ${limit} per minute.`, {
      retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    });
  }
}
