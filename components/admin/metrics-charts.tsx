"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HitlMetrics } from "@/lib/domains/metrics/hitl-metrics";

// Colours chosen to read on light and dark backgrounds and to differ for common colour-vision deficiencies.
export const OUTCOME_COLORS = {
  answered: "#2e7d32",
  timed_out: "#e08a00",
  unavailable: "#8e44ad",
  cancelled: "#607d8b",
  open: "#1f6feb",
} as const;
const AXIS = { fontSize: 12, fill: "currentColor" };
const hourLabel = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;
const dayLabel = (iso: string) =>
  new Date(iso).toLocaleDateString("en", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });

export function VolumeChart({ volume }: { volume: HitlMetrics["volume"] }) {
  const label = volume.unit === "hour" ? hourLabel : dayLabel;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={volume.points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="start" tickFormatter={label} tick={AXIS} minTickGap={24} />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip labelFormatter={(l) => `${label(String(l))} UTC`} formatter={(v) => [v, "escalations"]} />
        <Bar dataKey="count" fill="#1f6feb" isAnimationActive={false} maxBarSize={64} />
      </BarChart>
    </ResponsiveContainer>
  );
}

// p50 is labelled above the plot and p95 inside it, to the right of its line: the two never overlap.
export function AnswerTimeChart({ t }: { t: HitlMetrics["timeToAnswer"] }) {
  // The server names the bar holding each percentile (nearest rank), so a marker never sits on an empty bar.
  const p50 = t.p50Bucket;
  const p95 = t.p95Bucket;
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={t.buckets} margin={{ top: 24, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="label" tick={AXIS} interval={0} angle={-30} textAnchor="end" height={48} />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip formatter={(v) => [v, "answers"]} />
        <Bar dataKey="count" fill="#2e7d32" isAnimationActive={false} />
        {p50 && (
          <ReferenceLine
            x={p50}
            stroke="#1f6feb"
            strokeWidth={2}
            label={{ value: `p50 ${t.p50} s`, position: "top", fill: "currentColor", fontSize: 12 }}
          />
        )}
        {p95 && (
          <ReferenceLine
            x={p95}
            stroke="#c62828"
            strokeDasharray="4 3"
            strokeWidth={2}
            label={{ value: `p95 ${t.p95} s`, position: "insideTopLeft", fill: "currentColor", fontSize: 12 }}
          />
        )}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function OutcomesChart({ rows }: { rows: Array<{ key: keyof typeof OUTCOME_COLORS; label: string; count: number; pct: number }> }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 48, bottom: 0, left: 24 }}>
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="label" tick={AXIS} width={90} />
        <Tooltip formatter={(v) => [v, "cases"]} />
        <Bar dataKey="count" isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.key} fill={OUTCOME_COLORS[r.key]} />
          ))}
          <LabelList dataKey="pct" position="right" formatter={(v) => `${v}%`} fill="currentColor" fontSize={12} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export const KIND_COLORS = { member: "#1f6feb", api_key: "#8e44ad" } as const;
export const whoLabel = (o: { name: string; kind: "member" | "api_key" }) => (o.kind === "api_key" ? `${o.name} (API key)` : o.name);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// Recharts wraps a long tick label into several lines squeezed into the axis; a name reads better whole.
function OneLineTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  return (
    <text x={Number(x)} y={Number(y)} dy={4} textAnchor="end" fontSize={12} fill="currentColor">
      {String(payload?.value ?? "")}
    </text>
  );
}

/** People in blue, API keys in purple and marked "(API key)": a bridge answering is not a person answering. */
export function OperatorsChart({ data }: { data: HitlMetrics["operators"] }) {
  const rows = data.map((o) => ({ ...o, who: clip(whoLabel(o), 32) }));
  // Room for the longest label (about 7 px a character at 12 px), within reason.
  const width = Math.min(240, Math.max(90, 7 * Math.max(...rows.map((r) => r.who.length))));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 40 * rows.length + 40)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 32, bottom: 0, left: 8 }}>
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="who" tick={OneLineTick} width={width} interval={0} />
        <Tooltip formatter={(v) => [v, "answers"]} />
        <Bar dataKey="answers" isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.id} fill={KIND_COLORS[r.kind]} />
          ))}
          <LabelList dataKey="answers" position="right" fill="currentColor" fontSize={12} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
