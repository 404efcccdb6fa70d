import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/adapters/db/client";

export type ChannelFigures = {
  channel: "console" | "slack" | "sms";
  claims: number;
  claimP50: number | null;
  claimP95: number | null;
  answers: number;
  answerP50: number | null;
  answerP95: number | null;
};
export type LadderFigures = { step: number; channel: string; taken: number; resolved: number };

const n = (v: unknown) => Number(v ?? 0);
const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
// postgres.js returns float8[] as an array; PGlite may hand back the text form "{1.5,2}".
const pair = (p: number[] | string | null | undefined): [number | null, number | null] => {
  if (p === null || p === undefined) return [null, null];
  const list = Array.isArray(p) ? p : p.replace(/[{}]/g, "").split(",").filter(Boolean);
  return [num(list[0] ?? null), num(list[1] ?? null)];
};

/**
 * Time to claim and time to answer by the channel that did it (p50/p95, nearest rank), and per ladder step how
 * many cases it reached and how many it resolved. A case is resolved by the step of the channel that claimed it;
 * a console claim after an on-call page counts for the page; otherwise for the console step.
 */
export async function getChannelMetrics(
  db: Db,
  accountId: string,
  range: { from: Date; to: Date; agent?: string },
): Promise<{ byChannel: ChannelFigures[]; ladder: LadderFigures[] }> {
  const inRange = sql`c.account_id = ${accountId} and c.created_at >= ${range.from.toISOString()}::timestamptz
    and c.created_at < ${range.to.toISOString()}::timestamptz and c.source <> 'test' ${range.agent ? sql`and c.agent_id = ${range.agent}` : sql``}`;
  const [claims, answers, ladder] = await Promise.all([
    queryRows<{ ch: string; c: string; p: number[] | string | null }>(
      db,
      sql`select coalesce(c.claimed_via, 'console') as ch, count(*) as c,
            percentile_disc(array[0.5, 0.95]) within group (order by extract(epoch from (c.claimed_at - c.created_at))::float8) as p
          from cases c where ${inRange} and c.claimed_at is not null group by 1`,
    ),
    queryRows<{ ch: string; c: string; p: number[] | string | null }>(
      db,
      sql`select coalesce(c.answered_via, 'console') as ch, count(*) as c,
            percentile_disc(array[0.5, 0.95]) within group (order by extract(epoch from (c.answered_at - c.created_at))::float8) as p
          from cases c where ${inRange} and c.status = 'answered' and c.memory_answer_id is null and c.answered_at is not null group by 1`,
    ),
    queryRows<{ step: number; channel: string; taken: string; resolved: string }>(
      db,
      sql`with r as (
            select c.id, coalesce(
              (select min(s.step) from case_ladder_steps s where s.case_id = c.id and s.channel = c.claimed_via),
              (select min(s.step) from case_ladder_steps s where s.case_id = c.id and s.channel = 'ntfy' and s.outcome = 'paged' and s.taken_at <= c.claimed_at),
              (select min(s.step) from case_ladder_steps s where s.case_id = c.id and s.channel = 'console')) as step
            from cases c where ${inRange} and c.status = 'answered' and c.claimed_at is not null)
          select s.step, s.channel, count(*) as taken, count(r.id) as resolved
            from case_ladder_steps s join cases c on c.id = s.case_id left join r on r.id = s.case_id and r.step = s.step
           where ${inRange} group by 1, 2 order by 1, 2`,
    ),
  ]);
  const byChannel = (["console", "slack", "sms"] as const).map((channel) => {
    const cl = claims.find((r) => r.ch === channel);
    const an = answers.find((r) => r.ch === channel);
    const [claimP50, claimP95] = pair(cl?.p);
    const [answerP50, answerP95] = pair(an?.p);
    return { channel, claims: n(cl?.c), claimP50, claimP95, answers: n(an?.c), answerP50, answerP95 };
  });
  return {
    byChannel,
    ladder: ladder.map((r) => ({ step: n(r.step), channel: r.channel, taken: n(r.taken), resolved: n(r.resolved) })),
  };
}
