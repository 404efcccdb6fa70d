/**
 * A token bucket that never lets more than `perMinute` requests through in ANY 60 s window: it holds at
 * most `burst` tokens and refills at (perMinute − burst) per minute, so a full burst plus a minute of
 * refill is exactly the quota.
 */
export class TokenBucket {
  private readonly refillPerMs: number;
  constructor(
    readonly perMinute: number,
    readonly burst: number,
    public tokens: number,
    public at: number,
  ) {
    this.refillPerMs = (perMinute - burst) / 60_000;
  }

  private refill(now: number) {
    if (now > this.at) this.tokens = Math.min(this.burst, this.tokens + (now - this.at) * this.refillPerMs);
    this.at = Math.max(this.at, now);
  }

  /** Takes a token if one is there (returns 0), else says how long until one is. */
  tryTake(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.refillPerMs);
  }
}
