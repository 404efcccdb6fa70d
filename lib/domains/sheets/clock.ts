/** Time as the drainer sees it: the token bucket, backoff and time box all read and wait through this. */
export type Clock = { now(): number; sleep(ms: number): Promise<void> };

export const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * A clock running `scale` times faster than the wall (tests and the benchmark): a documented minute of quota
 * or a 64 s backoff passes in a fraction of a second while the drainer's arithmetic stays the real one.
 */
export function scaledClock(scale: number, start = Date.now()): Clock {
  const t0 = Date.now();
  return { now: () => start + (Date.now() - t0) * scale, sleep: (ms) => new Promise((r) => setTimeout(r, ms / scale)) };
}
