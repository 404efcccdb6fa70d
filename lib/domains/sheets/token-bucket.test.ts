import { describe, expect, it } from "vitest";
import { TokenBucket } from "@/lib/domains/sheets/token-bucket";

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
