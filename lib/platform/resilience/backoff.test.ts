import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import { backoffPolicy, retryDelayMs } from "@/lib/platform/resilience/backoff";

describe("the shared backoff policy", () => {
  it("is min(base × 2^(n−1) + jitter ≤ base, 64 × base) and never shorter than Retry-After", () => {
    const p = { baseMs: 1000 };
    expect(retryDelayMs(1, p, { random: () => 0 })).toBe(1000);
    expect(retryDelayMs(4, p, { random: () => 0.5 })).toBe(8500);
    expect(retryDelayMs(7, p, { random: () => 0.99 })).toBe(64_000);
    expect(retryDelayMs(30, p, { random: () => 0 })).toBe(64_000);
    expect(retryDelayMs(1, p, { random: () => 0, retryAfterMs: 30_000 })).toBe(30_000);
    expect(retryDelayMs(2, { baseMs: 200, maxMs: 500 }, { random: () => 0.9 })).toBe(500);
  });

  it("grows with each attempt until the cap, whatever the jitter", () => {
    for (let n = 1; n < 7; n++) {
      expect(retryDelayMs(n + 1, { baseMs: 100 }, { random: () => 0 })).toBeGreaterThan(
        retryDelayMs(n, { baseMs: 100 }, { random: () => 0.99 }),
      );
    }
  });

  it("gives every outbox the same formula, differing only in its configured first delay", () => {
    const config = parseConfig({
      CALLBACK_BACKOFF_BASE_MS: "3000",
      NTFY_BACKOFF_BASE_MS: "700",
      SHEETS_BACKOFF_BASE_MS: "50",
      CALL_SYNC_BACKOFF_BASE_MS: "9000",
    });
    expect(backoffPolicy(config, "callbacks")).toEqual({ baseMs: 3000 });
    expect(backoffPolicy(config, "notifications")).toEqual({ baseMs: 700 });
    expect(backoffPolicy(config, "sheets")).toEqual({ baseMs: 50 });
    expect(backoffPolicy(config, "call_sync")).toEqual({ baseMs: 9000 });
    expect(backoffPolicy(config, "phone_followups").maxMs).toBeUndefined();
  });
});
