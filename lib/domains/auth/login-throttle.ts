import { createHash } from "node:crypto";
import { AppError } from "@/lib/platform/errors";
import type { Kv } from "@/lib/adapters/kv";
import { withLocalFallback } from "@/lib/adapters/kv/local-fallback";

/**
 * Password guessing is slowed per email *and client address*, so nobody can lock an operator out by
 * failing on their email from elsewhere: a client that has not failed on an email is never refused.
 *
 * - per (email, client): every attempt counts until one succeeds (a success clears it), so parallel
 *   guesses cannot slip past; more than PER_PAIR in the window → 429;
 * - per client, all emails (spraying one password over many accounts): PER_CLIENT failures → 429;
 * - per email, all clients (a botnet on one account): past PER_EMAIL failures in the window, a client
 *   that has already failed on it gets no further tries — first tries, and so correct passwords, still pass.
 *
 * While kv is unreachable the counters live in this instance's memory (withLocalFallback): sign-in keeps
 * working and stays throttled per instance.
 */
export const LOGIN_THROTTLE = { windowMs: 15 * 60_000, perPair: 10, perClient: 100, perEmail: 200 };

const h = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);

export type LoginAttempt = { failed(): Promise<void>; succeeded(): Promise<void> };

/** Counts an attempt, or throws 429 (rate_limited with retryAfterSeconds) when this client must wait. */
export async function beginLoginAttempt(
  sharedKv: Kv,
  args: { email: string; client: string },
  limits = LOGIN_THROTTLE,
): Promise<LoginAttempt> {
  const kv = withLocalFallback(sharedKv);
  const email = h(args.email.trim().toLowerCase());
  const client = h(args.client);
  const keys = { pair: `login:pair:${email}:${client}`, client: `login:client:${client}`, email: `login:email:${email}` };
  const [clientFailures, emailFailures] = await Promise.all([kv.get(keys.client), kv.get(keys.email)]);
  const pair = await kv.incr(keys.pair, limits.windowMs);
  const hasFailedHere = pair.value > 1;
  const refuse =
    pair.value > limits.perPair ||
    Number(clientFailures ?? 0) >= limits.perClient ||
    (hasFailedHere && Number(emailFailures ?? 0) >= limits.perEmail);
  if (refuse) {
    throw new AppError("rate_limited", "Too many failed sign-in attempts from here. Wait a few minutes and try again.", {
      retryAfterSeconds: Math.max(1, Math.ceil(pair.ttlMs / 1000)),
    });
  }
  return {
    async failed() {
      await Promise.all([kv.incr(keys.client, limits.windowMs), kv.incr(keys.email, limits.windowMs)]);
    },
    async succeeded() {
      await kv.del(keys.pair);
    },
  };
}
