import { DelegateBackoff, type IRetryBackoffContext, noJitterGenerator } from "cockatiel";
import type { Config } from "@/lib/platform/config/env";

/** What one kind of retry chooses: the first delay and, if not 64 × it, the longest. */
export type BackoffPolicy = { baseMs: number; maxMs?: number };

export type BackoffOptions = {
  /** The server's Retry-After, when it sent one: we never come back sooner. */
  retryAfterMs?: number;
  /** Injected by tests that need the jitter fixed; Math.random otherwise. */
  random?: () => number;
};

/**
 * The one retry schedule of the app: every outbox (callbacks, phone follow-ups, notifications, the Sheets
 * drainer), the call sync, and the in-line vendor retries wait this long before try `attempt + 1`.
 * It is Google's documented formula, min(base × 2^(n−1) + up to one base of jitter, cap), with the
 * exponential part from cockatiel's generator; the cap is 64 × base unless the policy says otherwise.
 * `attempt` counts the tries already made (1 after the first failure).
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, o: BackoffOptions = {}): number {
  const maxMs = policy.maxMs ?? 64 * policy.baseMs;
  const [exponential] = noJitterGenerator(Math.max(0, attempt - 1), {
    initialDelay: policy.baseMs,
    maxDelay: maxMs,
    exponent: 2,
    generator: noJitterGenerator,
  });
  const jitter = (o.random ?? Math.random)() * policy.baseMs;
  return Math.round(Math.max(Math.min(exponential + jitter, maxMs), o.retryAfterMs ?? 0));
}

/** When an outbox row that has failed `attempt` times is due again. */
export function nextAttemptAt(attempt: number, policy: BackoffPolicy, o: BackoffOptions & { now?: number } = {}): Date {
  return new Date((o.now ?? Date.now()) + retryDelayMs(attempt, policy, o));
}

/** Everything that retries later on its own schedule; each picks only its first delay. */
export type RetryingWork = "callbacks" | "phone_followups" | "notifications" | "sheets" | "call_sync" | "ladder_steps";

/** A late-answer phone call is retried from 10 s (a provider outage), up to its attempt limit. */
const PHONE_FOLLOWUP_BASE_MS = 10_000;
/** A failed Slack or SMS ladder step is tried again from 10 s: a case waits minutes at most. */
const LADDER_STEP_BASE_MS = 10_000;

/** The one table of retry schedules: every outbox asks here, so they differ only in their first delay. */
export function backoffPolicy(config: Config, work: RetryingWork): BackoffPolicy {
  switch (work) {
    case "callbacks":
      return { baseMs: config.CALLBACK_BACKOFF_BASE_MS };
    case "phone_followups":
      return { baseMs: PHONE_FOLLOWUP_BASE_MS };
    case "notifications":
      return { baseMs: config.NTFY_BACKOFF_BASE_MS };
    case "sheets":
      return { baseMs: config.SHEETS_BACKOFF_BASE_MS };
    case "call_sync":
      return { baseMs: config.CALL_SYNC_BACKOFF_BASE_MS };
    case "ladder_steps":
      return { baseMs: LADDER_STEP_BASE_MS };
  }
}

/**
 * The same schedule for cockatiel's in-line `retry()` (a vendor request a caller is waiting on): the delay
 * before retry n, never sooner than the Retry-After `retryAfterOf` reads from the error.
 */
export function inlineBackoff(policy: BackoffPolicy, retryAfterOf?: (error: unknown) => number | undefined) {
  return new DelegateBackoff<IRetryBackoffContext<unknown>>((ctx) => {
    const error = "error" in ctx.result ? ctx.result.error : undefined;
    return retryDelayMs(ctx.attempt, policy, { retryAfterMs: retryAfterOf?.(error) });
  });
}
