"use client";

import { useEffect, useState } from "react";
import type { HitlMetrics } from "@/lib/domains/metrics/hitl-metrics";
import { errorText } from "@/components/admin/format";
import { MetricsRange } from "@/components/admin/metrics-range";
import type { Range } from "@/components/admin/metrics-presets";
import { AnswerTimeChart, OperatorsChart, OutcomesChart, VolumeChart } from "@/components/admin/metrics-charts";
import { MetricsTiles } from "@/components/admin/metrics-tiles";
import { DataTable, type Column } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { plural } from "@/components/ui/plural";

const OUTCOMES = [
  ["answered", "Answered"],
  ["timed_out", "Timed out"],
  ["unavailable", "Unavailable"],
  ["cancelled", "Cancelled"],
  ["open", "No outcome yet"],
] as const;

type OutcomeRow = { key: string; label: string; count: number; pct: number };

const OUTCOME_COLUMNS: Column<OutcomeRow>[] = [
  { header: "Outcome", cell: (r) => r.label, rowHeader: true },
  { header: "Cases", cell: (r) => r.count },
  { header: "Rate", cell: (r) => <>{r.pct}%</> },
];

const OPERATOR_COLUMNS: Column<HitlMetrics["operators"][number]>[] = [
  { header: "Who", cell: (o) => o.name, rowHeader: true },
  {
    header: "Kind",
    cell: (o) => <Badge tone={o.kind === "member" ? "info" : "accent"}>{o.kind === "member" ? "person" : "API key"}</Badge>,
  },
  { header: "Answers", cell: (o) => o.answers },
  { header: "Median time to answer", cell: (o) => (o.medianSeconds === null ? "—" : `${o.medianSeconds} s`) },
];

const secs = (v: number | null) => (v === null ? "—" : `${v} s`);
const CHANNEL_NAMES: Record<string, string> = { console: "Console", slack: "Slack", sms: "SMS", ntfy: "On-call page" };

const CHANNEL_COLUMNS: Column<HitlMetrics["byChannel"][number]>[] = [
  { header: "Channel", cell: (c) => CHANNEL_NAMES[c.channel] ?? c.channel, rowHeader: true },
  { header: "Claims", cell: (c) => c.claims },
  { header: "Time to claim p50 / p95", cell: (c) => `${secs(c.claimP50)} / ${secs(c.claimP95)}` },
  { header: "Answers", cell: (c) => c.answers },
  { header: "Time to answer p50 / p95", cell: (c) => `${secs(c.answerP50)} / ${secs(c.answerP95)}` },
];

const LADDER_COLUMNS: Column<HitlMetrics["ladder"][number]>[] = [
  { header: "Step", cell: (s) => `${s.step + 1}. ${CHANNEL_NAMES[s.channel] ?? s.channel}`, rowHeader: true },
  { header: "Cases reached", cell: (s) => s.taken },
  { header: "Resolved", cell: (s) => s.resolved },
];

/** HITL metrics for a date range: loads /api/metrics/hitl whenever the range changes (the first range comes rendered by the server). */
export function MetricsDashboard({ initial, initialRange }: { initial: HitlMetrics; initialRange: Range }) {
  const [range, setRange] = useState(initialRange);
  const [agent, setAgent] = useState("");
  const [data, setData] = useState(initial);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });

  useEffect(() => {
    if (range === initialRange && agent === "") return;
    const ctrl = new AbortController();
    setState({ loading: true, error: null });
    fetch(`/api/metrics/hitl?${new URLSearchParams({ from: range.from, to: range.to, ...(agent ? { agent } : {}) })}`, {
      signal: ctrl.signal,
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(await errorText(res));
        setData((await res.json()) as HitlMetrics);
        setState({ loading: false, error: null });
      })
      .catch((e: Error) => {
        if (!ctrl.signal.aborted) setState({ loading: false, error: e.message });
      });
    return () => ctrl.abort();
  }, [range, initialRange, agent]);

  const total = data.total;
  const rows = OUTCOMES.map(([key, label]) => ({
    key,
    label,
    count: data.outcomes[key],
    pct: total ? Math.round((data.outcomes[key] / total) * 1000) / 10 : 0,
  }));
  const t = data.timeToAnswer;
  return (
    <div aria-busy={state.loading}>
      <MetricsRange value={range} onChange={setRange} />
      <label className="adm-inline">
        Agent{" "}
        <select value={agent} onChange={(e) => setAgent(e.target.value)} data-testid="metrics-agent">
          <option value="">All agents</option>
          {[...new Set([...data.agents, ...(agent ? [agent] : [])])].map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <p role="status" className="adm-muted">
        {state.loading
          ? "Loading…"
          : `${plural(total, "escalation")} from ${data.range.from.slice(0, 16).replace("T", " ")} to ${data.range.to.slice(0, 16).replace("T", " ")} UTC.`}
        {!state.loading && data.testEscalations > 0 && (
          <span data-testid="metrics-tests">
            {" "}
            {plural(data.testEscalations, "test escalation")} from the console {data.testEscalations === 1 ? "is" : "are"} not counted.
          </span>
        )}
      </p>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <MetricsTiles data={data} />
      <div className="adm-grid2">
        <figure className="adm-chart" data-testid="chart-volume">
          <h2>Escalations per {data.volume.unit}</h2>
          <VolumeChart volume={data.volume} />
          <figcaption className="adm-muted">
            Cases created in each {data.volume.unit} (UTC){data.volume.unit === "day" ? "; ranges up to 48 hours show hours" : ""}.
          </figcaption>
        </figure>
        <figure className="adm-chart" data-testid="chart-time-to-answer">
          <h2>Time to answer</h2>
          <AnswerTimeChart t={t} />
          <figcaption className="adm-muted">
            {t.count ? `${t.count} answered · median (p50) ${t.p50} s · p95 ${t.p95} s` : "No answered cases in this range."}
          </figcaption>
        </figure>
        <figure className="adm-chart" data-testid="chart-outcomes">
          <h2>Outcomes</h2>
          <OutcomesChart rows={rows} />
          <figcaption className="adm-muted">
            As the waiting agent saw them (“no outcome yet”: the agent is still waiting, or no agent waited).
            {data.answeredLate ? ` ${data.answeredLate} timed out but were answered later.` : ""}{" "}
            <span data-testid="paging-count">
              On-call paged for {data.paging?.paged ?? 0} case{data.paging?.paged === 1 ? "" : "s"} ({data.paging?.delivered ?? 0}{" "}
              delivered).
            </span>
          </figcaption>
        </figure>
        <figure className="adm-chart" data-testid="chart-operators">
          <h2>Who answered</h2>
          {data.operators.length ? <OperatorsChart data={data.operators} /> : <p className="adm-muted">Nobody answered in this range.</p>}
          <figcaption className="adm-muted">
            People in blue; API keys (answering bridges, scripts) in purple, marked “(API key)”.
          </figcaption>
        </figure>
      </div>
      <h2>Outcome rates</h2>
      <DataTable data-testid="outcome-table" columns={OUTCOME_COLUMNS} rows={rows} rowKey={(r) => r.key} />
      <h2>Who answered</h2>
      <DataTable data-testid="operator-table" columns={OPERATOR_COLUMNS} rows={data.operators} rowKey={(o) => o.id} />
      <h2>By channel</h2>
      <DataTable data-testid="channel-table" columns={CHANNEL_COLUMNS} rows={data.byChannel ?? []} rowKey={(c) => c.channel} />
      <h2>Escalation ladder</h2>
      <DataTable
        data-testid="ladder-table"
        columns={LADDER_COLUMNS}
        rows={data.ladder ?? []}
        rowKey={(s) => `${s.step}-${s.channel}`}
        empty="No ladder steps were taken in this range."
      />
    </div>
  );
}
