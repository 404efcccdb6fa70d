/**
 * Requests this process answered with a fallback instead of doing the work, since it started: "busy" (the
 * dependency answers, we had more work than we take at once) apart from "unreachable" (an outage), so a
 * morning peak never reads as an outage. Shown by /api/health; per process, reset on restart.
 */
const counts = { busy: 0, unreachable: 0 };

export function countShed(kind: keyof typeof counts): void {
  counts[kind]++;
}

export function shedCounts(): Readonly<typeof counts> {
  return { ...counts };
}
