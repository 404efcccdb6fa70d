import { describe, expect, it } from "vitest";
import { backoffDelay, TokenBucket } from "@/lib/domains/sheets/backoff";

describe("Sheets backoff", () => {
  it("is min(2^n s + jitter ≤ 1 s, 64 s) and never shorter than Retry-After", () => {
    expect(backoffDelay(0, { baseMs: 1000, random: () => 0 })).toBe(1000);
    expect(backoffDelay(3, { baseMs: 1000, random: () => 0.5 })).toBe(8500);
    expect(backoffDelay(6, { baseMs: 1000, random: () => 0.99 })).toBe(64_000);
    expect(backoffDelay(10, { baseMs: 1000, random: () => 0 })).toBe(64_000);
    expect(backoffDelay(0, { baseMs: 1000, random: () => 0, retryAfterMs: 30_000 })).toBe(30_000);
  });
});

describe("token bucket", () => {
  it("never allows more than the quota in any 60 s window, however requests arrive", () => {
    const quota = 60;
    const bucket = new TokenBucket(quota, 5, 5, 0);
    const sent: number[] = [];
    let now = 0;
    // Greedy caller: asks again the moment it is allowed, for ten simulated minutes.
    while (now < 600_000) {
      const wait = bucket.tryTake(now);
      if (wait === 0) sent.push(now);
      else now += wait;
    }
    for (let i = 0; i < sent.length; i++) {
      const inWindow = sent.filter((t) => t >= sent[i]! && t < sent[i]! + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(quota);
    }
    expect(sent.length).toBeGreaterThan(500); // and it does use the quota
  });
});
