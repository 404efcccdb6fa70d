/**
 * Pure helpers of the HITL metrics (no database): the volume series' bucket size and filling, and the
 * time-to-answer histogram with its percentile markers. Shared by the SQL module and its unit tests.
 */
export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Up to two days the volume chart has one bar per hour; longer ranges one bar per (UTC) day. */
export const HOURLY_UP_TO_MS = 48 * HOUR_MS;

/** Upper bounds (seconds) of the time-to-answer histogram buckets; the last bucket is open-ended. */
export const ANSWER_BUCKETS = [5, 10, 15, 20, 30, 45, 60, 120, 300] as const;

export type VolumeUnit = "hour" | "day";
export type Bucket = { label: string; min: number; max: number | null; count: number };

export const volumeUnit = (range: { from: Date; to: Date }): VolumeUnit =>
  range.to.getTime() - range.from.getTime() <= HOURLY_UP_TO_MS ? "hour" : "day";
export const unitMs = (u: VolumeUnit) => (u === "hour" ? HOUR_MS : DAY_MS);

/** Every bucket that overlaps the range, zeros included; `counts` is keyed by floor(epoch ms / unit). */
export function fillVolume(range: { from: Date; to: Date }, unit: VolumeUnit, counts: Map<number, number>) {
  const ms = unitMs(unit);
  const first = Math.floor(range.from.getTime() / ms);
  const last = Math.ceil(range.to.getTime() / ms) - 1;
  const out: Array<{ start: string; count: number }> = [];
  for (let b = first; b <= last; b++) out.push({ start: new Date(b * ms).toISOString(), count: counts.get(b) ?? 0 });
  return out;
}

/** width_bucket numbering: 0 below the first bound, i for [bound[i-1], bound[i]), length for ≥ the last. */
export function histogram(counts: Map<number, number>): Bucket[] {
  return [0, ...ANSWER_BUCKETS].map((min, i) => {
    const max = ANSWER_BUCKETS[i] ?? null;
    return { label: max === null ? `${min}s+` : `${min}–${max}s`, min, max, count: counts.get(i) ?? 0 };
  });
}

/**
 * The bucket holding the nearest-rank percentile (the ⌈q·n⌉-th answer time, what percentile_disc returns):
 * by construction a bucket with answers in it, so a marker drawn there never sits over an empty bar.
 */
export function percentileBucket(buckets: Bucket[], q: number): string | null {
  const n = buckets.reduce((s, b) => s + b.count, 0);
  if (!n) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const b of buckets) {
    seen += b.count;
    if (seen >= rank) return b.label;
  }
  return null;
}
