import { sql } from "drizzle-orm";
import { queryRows } from "@/lib/adapters/db/client";
import type { MemoryDeps } from "@/lib/domains/memory/port";

export type MemoryDay = { day: string; avoided: number; escalated: number; answeredByPeople: number };

/**
 * Escalations avoided by memory per day (UTC), beside those that reached a person and how many of those
 * a person answered — for Admin → Answers and the HITL metrics page. Test escalations are left out.
 */
export async function getMemoryStats(deps: MemoryDeps, accountId: string, days = 14): Promise<{ days: MemoryDay[]; avoided: number }> {
  const since = new Date(Date.now() - (days - 1) * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const rows = await queryRows<{ day: string; avoided: number; escalated: number; answered: number }>(
    deps.db,
    sql`select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
          count(*) filter (where memory_answer_id is not null)::int as avoided,
          count(*) filter (where memory_answer_id is null)::int as escalated,
          count(*) filter (where memory_answer_id is null and status = 'answered')::int as answered
        from cases where account_id = ${accountId} and created_at >= ${since.toISOString()} and source <> 'test'
        group by 1 order by 1`,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: MemoryDay[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    out.push({ day, avoided: Number(r?.avoided ?? 0), escalated: Number(r?.escalated ?? 0), answeredByPeople: Number(r?.answered ?? 0) });
  }
  return { days: out, avoided: out.reduce((n, d) => n + d.avoided, 0) };
}
