import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "@/lib/adapters/db/client";
import { isoDate } from "@/lib/platform/validation/dates";
import { safeText } from "@/lib/platform/validation/safe-text";

import {
  ANSWER_BUCKETS,
  HOUR_MS,
  fillVolume,
  histogram,
  percentileBucket,
  unitMs,
  volumeUnit,
  type Bucket,
  type VolumeUnit,
} from "@/lib/domains/metrics/metrics-shape";

import { getChannelMetrics, type ChannelFigures, type LadderFigures } from "@/lib/domains/metrics/channel-metrics";

export { ANSWER_BUCKETS };
const MAX_RANGE_DAYS = 93;

export const metricsRangeQuery = z
  .object({
    from: isoDate().optional(),
    to: isoDate().optional(),
    agent: safeText().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
  })
  .transform(({ from, to, agent }) => {
    const end = to ?? new Date();
    return { from: from ?? new Date(end.getTime() - 7 * 24 * HOUR_MS), to: end, agent };
  })
  .refine((r) => r.from < r.to, { message: "from: must be before to", path: ["from"] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= MAX_RANGE_DAYS * 24 * HOUR_MS, {
    message: `to: the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });

export type Outcome = "answered" | "timed_out" | "unavailable" | "cancelled" | "open";

export type HitlMetrics = {
  range: { from: string; to: string };
  /** The agent the figures are filtered to (the case's agentId; Retell's agent_id), or null for all. */
  agent: string | null;
  /** The agents that escalated in the range (whatever the filter), for choosing one. */
  agents: string[];
  total: number;
  /** Test escalations sent from the console in the range: not agent traffic, so in none of the other figures. */
  testEscalations: number;
  /** Escalations per UTC hour (ranges up to 48 h) or per UTC day (longer), zeros included. */
  volume: { unit: VolumeUnit; points: Array<{ start: string; count: number }> };
  /** p50/p95 are nearest-rank (an actual answer time); p50Bucket/p95Bucket name the histogram bar holding them. */
  timeToAnswer: {
    count: number;
    p50: number | null;
    p95: number | null;
    p50Bucket: string | null;
    p95Bucket: string | null;
    buckets: Bucket[];
  };
  outcomes: Record<Outcome, number>;
  /** Of the cases created in the range, how many are open or claimed right now (whatever the agent saw). */
  stillOpen: number;
  /** Answered within the agent's wait by someone, after the agent had already given up. */
  answeredLate: number;
  /** Who answered: people (members) and machines (API keys, e.g. an answering bridge) — `kind` tells them apart. */
  operators: Array<{ id: string; kind: "member" | "api_key"; name: string; answers: number; medianSeconds: number | null }>;
  /** Cases whose on-call topic was paged, and how many of those pages ntfy accepted. */
  paging: { paged: number; delivered: number };
  /** Time to claim / to answer by the channel that did it (console, Slack, SMS), p50/p95 in seconds. */
  byChannel: ChannelFigures[];
  /** Per escalation-ladder step: how many cases it reached, how many it resolved. */
  ladder: LadderFigures[];
};

// One outcome per case, as the waiting agent experienced it; cases nobody waited on (REST) fall back to their status.
const OUTCOME_SQL = sql`case
  when wait_outcome = 'answered' then 'answered'
  when wait_outcome = 'pending' then 'timed_out'
  when wait_outcome = 'unavailable' then 'unavailable'
  when wait_outcome = 'cancelled' then 'cancelled'
  when status = 'answered' then 'answered'
  when status = 'expired' then 'timed_out'
  when status = 'cancelled' then 'cancelled'
  else 'open' end`;

const n = (v: unknown) => Number(v ?? 0);
const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/**
 * HITL metrics for one account over [from, to): every figure is about the cases created in the range,
 * aggregated in SQL (a handful of grouped rows come back, never the cases themselves).
 */
export async function getHitlMetrics(db: Db, accountId: string, range: { from: Date; to: Date; agent?: string }): Promise<HitlMetrics> {
  const period = sql`account_id = ${accountId} and created_at >= ${range.from.toISOString()}::timestamptz and created_at < ${range.to.toISOString()}::timestamptz`;
  // A console test escalation is a member checking the loop, not an agent's caller: every figure leaves it out.
  const window = sql`${period} and source <> 'test'`;
  const inRange = range.agent ? sql`${window} and agent_id = ${range.agent}` : window;
  const secs = sql`extract(epoch from (answered_at - created_at))::float8`;
  const bounds = sql.raw(`array[${ANSWER_BUCKETS.join(",")}]::float8[]`);
  const unit = volumeUnit(range);
  const unitSeconds = unitMs(unit) / 1000;
  const [agents, volume, outcomes, answerStats, buckets, operators, paging, tests, channels] = await Promise.all([
    queryRows<{ a: string }>(
      db,
      sql`select distinct agent_id as a from cases where ${window} and agent_id is not null order by 1 limit 200`,
    ),
    queryRows<{ h: string; c: string }>(
      db,
      sql`select floor(extract(epoch from created_at) / ${sql.raw(String(unitSeconds))})::bigint as h, count(*) as c from cases where ${inRange} group by 1`,
    ),
    queryRows<{ o: Outcome; c: string; late: string; still: string }>(
      db,
      sql`select ${OUTCOME_SQL} as o, count(*) as c, count(*) filter (where wait_outcome = 'pending' and status = 'answered') as late,
            count(*) filter (where status in ('open', 'claimed')) as still from cases where ${inRange} group by 1`,
    ),
    // Nearest rank (percentile_disc): the figure shown is a real answer time, in the bar the marker is drawn on.
    queryRows<{ c: string; p: number[] | string | null }>(
      db,
      sql`select count(*) as c, percentile_disc(array[0.5, 0.95]) within group (order by ${secs}) as p from cases where ${inRange} and status = 'answered' and answered_at is not null`,
    ),
    queryRows<{ b: number; c: string }>(
      db,
      sql`select width_bucket(${secs}, ${bounds}) as b, count(*) as c from cases where ${inRange} and status = 'answered' and answered_at is not null group by 1`,
    ),
    queryRows<{ id: string; kind: "member" | "api_key"; name: string | null; c: string; m: string | null }>(
      db,
      sql`select coalesce(c.answered_by_member_id::text, c.answered_by_key_id::text) as id,
            case when c.answered_by_member_id is not null then 'member' else 'api_key' end as kind,
            coalesce(nullif(m.name, ''), m.email, nullif(k.name, ''), 'API key ' || k.prefix) as name,
            count(*) as c,
            percentile_cont(0.5) within group (order by extract(epoch from (c.answered_at - c.created_at))::float8) as m
          from cases c
          left join members m on m.id = c.answered_by_member_id
          left join api_keys k on k.id = c.answered_by_key_id
          where c.account_id = ${accountId} and c.created_at >= ${range.from.toISOString()}::timestamptz and c.created_at < ${range.to.toISOString()}::timestamptz
            ${range.agent ? sql`and c.agent_id = ${range.agent}` : sql``}
            and c.source <> 'test' and c.status = 'answered' and (c.answered_by_member_id is not null or c.answered_by_key_id is not null)
          group by 1, 2, 3 order by count(*) desc, 3`,
    ),
    queryRows<{ paged: string; delivered: string }>(
      db,
      sql`select count(*) as paged, count(*) filter (where exists (select 1 from notifications nt where nt.case_id = cases.id and nt.kind = 'page' and nt.status = 'sent')) as delivered
          from cases where ${inRange} and paged_at is not null`,
    ),
    queryRows<{ c: string }>(db, sql`select count(*) as c from cases where ${period} and source = 'test'`),
    getChannelMetrics(db, accountId, range),
  ]);
  const hist = histogram(new Map(buckets.map((r) => [n(r.b), n(r.c)])));
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    agent: range.agent ?? null,
    agents: agents.map((r) => r.a),
    total: outcomes.reduce((s, r) => s + n(r.c), 0),
    testEscalations: n(tests[0]?.c),
    volume: { unit, points: fillVolume(range, unit, new Map(volume.map((r) => [n(r.h), n(r.c)]))) },
    timeToAnswer: {
      count: n(answerStats[0]?.c),
      ...percentiles(answerStats[0]?.p),
      p50Bucket: percentileBucket(hist, 0.5),
      p95Bucket: percentileBucket(hist, 0.95),
      buckets: hist,
    },
    outcomes: Object.fromEntries(
      (["answered", "timed_out", "unavailable", "cancelled", "open"] as Outcome[]).map((o) => [o, n(outcomes.find((r) => r.o === o)?.c)]),
    ) as Record<Outcome, number>,
    stillOpen: outcomes.reduce((s, r) => s + n(r.still), 0),
    answeredLate: outcomes.reduce((s, r) => s + n(r.late), 0),
    operators: operators.map((r) => ({ id: r.id, kind: r.kind, name: r.name ?? "unknown", answers: n(r.c), medianSeconds: num(r.m) })),
    paging: { paged: n(paging[0]?.paged), delivered: n(paging[0]?.delivered) },
    ...channels,
  };
}

// postgres.js returns float8[] as an array; PGlite may hand back the text form "{1.5,2}".
function percentiles(p: number[] | string | null | undefined): { p50: number | null; p95: number | null } {
  if (p === null || p === undefined) return { p50: null, p95: null };
  const list = Array.isArray(p) ? p : p.replace(/[{}]/g, "").split(",").filter(Boolean);
  return { p50: num(list[0] ?? null), p95: num(list[1] ?? null) };
}
