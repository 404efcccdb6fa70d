"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SheetsStatus } from "@/lib/domains/sheets/status";

const AXIS = { fontSize: 12, fill: "currentColor" };
const minuteLabel = (iso: string) => iso.slice(11, 16);

/** Requests per minute over the last hour, failed ones stacked on top, against the quota line. */
export function RequestsPerMinuteChart({ data, quota }: { data: SheetsStatus["perMinute"]; quota: number }) {
  const rows = data.map((d) => ({ minute: d.minute, ok: d.requests - d.failed, failed: d.failed }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={rows} margin={{ top: 16, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} strokeOpacity={0.4} />
        <XAxis dataKey="minute" tickFormatter={minuteLabel} tick={AXIS} minTickGap={24} />
        <YAxis allowDecimals={false} tick={AXIS} domain={[0, Math.max(quota, ...data.map((d) => d.requests))]} />
        <Tooltip labelFormatter={(l) => `${minuteLabel(String(l))} UTC`} />
        <Bar dataKey="ok" name="sent" stackId="r" fill="#1f6feb" isAnimationActive={false} />
        <Bar dataKey="failed" name="failed" stackId="r" fill="#c62828" isAnimationActive={false} />
        <ReferenceLine
          y={quota}
          stroke="#c62828"
          strokeDasharray="4 3"
          label={{ value: `quota ${quota}/min`, position: "insideTopRight", fill: "currentColor", fontSize: 12 }}
        />
        <ReferenceLine y={quota * 0.8} stroke="#e08a00" strokeDasharray="2 3" />
      </BarChart>
    </ResponsiveContainer>
  );
}
