"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HitlMetrics } from "@/lib/metrics/hitl-metrics";

// Colours chosen to read on light and dark backgrounds and to differ for common colour-vision deficiencies.
export const OUTCOME_COLORS = { answered: "#2e7d32", timed_out: "#e08a00", unavailable: "#8e44ad", cancelled: "#607d8b", open: "#1f6feb" } as const;
const AXIS = { fontSize: 12, fill: "currentColor" };
const hourLabel = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 13)}h`;

export function PerHourChart({ data }: { data: HitlMetrics["perHour"] }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="hour" tickFormatter={hourLabel} tick={AXIS} minTickGap={24} />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip labelFormatter={(l) => `${hourLabel(String(l))} UTC`} formatter={(v) => [v, "escalations"]} />
        <Bar dataKey="count" fill="#1f6feb" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

// p50 is labelled above the plot and p95 inside it, to the right of its line: the two never overlap.
export function AnswerTimeChart({ t }: { t: HitlMetrics["timeToAnswer"] }) {
  const bucketOf = (s: number | null) => (s === null ? null : (t.buckets.find((b) => s >= b.min && (b.max === null || s < b.max))?.label ?? null));
  const p50 = bucketOf(t.p50);
  const p95 = bucketOf(t.p95);
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={t.buckets} margin={{ top: 24, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="label" tick={AXIS} interval={0} angle={-30} textAnchor="end" height={48} />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip formatter={(v) => [v, "answers"]} />
        <Bar dataKey="count" fill="#2e7d32" isAnimationActive={false} />
        {p50 && <ReferenceLine x={p50} stroke="#1f6feb" strokeWidth={2} label={{ value: `p50 ${t.p50} s`, position: "top", fill: "currentColor", fontSize: 12 }} />}
        {p95 && <ReferenceLine x={p95} stroke="#c62828" strokeDasharray="4 3" strokeWidth={2} label={{ value: `p95 ${t.p95} s`, position: "insideTopLeft", fill: "currentColor", fontSize: 12 }} />}
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

export function OperatorsChart({ data }: { data: HitlMetrics["operators"] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 40 * data.length + 40)}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 32, bottom: 0, left: 24 }}>
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="name" tick={AXIS} width={130} />
        <Tooltip formatter={(v) => [v, "answers"]} />
        <Bar dataKey="answers" fill="#1f6feb" isAnimationActive={false}>
          <LabelList dataKey="answers" position="right" fill="currentColor" fontSize={12} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
