/** Date-range presets for the metrics page (plain module: used by the server page and the client picker). */
export type Range = { from: string; to: string; preset: string };

export const PRESETS = [
  { id: "24h", label: "Last 24 hours", hours: 24 },
  { id: "7d", label: "Last 7 days", hours: 24 * 7 },
  { id: "30d", label: "Last 30 days", hours: 24 * 30 },
] as const;

export function presetRange(id: string, now = new Date()): Range {
  const p = PRESETS.find((x) => x.id === id) ?? PRESETS[1];
  return { from: new Date(now.getTime() - p.hours * 3600_000).toISOString(), to: now.toISOString(), preset: p.id };
}
