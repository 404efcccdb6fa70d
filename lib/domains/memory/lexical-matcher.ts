import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/adapters/db/client";
import { ANSWER_COLUMNS as COLUMNS, toAnswerRow as toRow, type AnswerRaw as Raw } from "@/lib/domains/memory/answer-rows";
import { searchGroups, termsOf } from "@/lib/domains/memory/normalize";
import type { AnswerMatcher, Match, MatchQuery } from "@/lib/domains/memory/port";
import { scoreTerms } from "@/lib/domains/memory/score";

/** Candidates read from the database per search; the scorer then ranks them. */
const CANDIDATES = 40;
/** Fewer candidates than this from a narrow query widens it. */
const ENOUGH = 3;
const WIDE_CAP = 200;
/**
 * One statement for every step (one round trip): each step's full-text query is a CTE that only scans when
 * the steps before it found fewer than ENOUGH rows (an uncorrelated count is a one-time filter, so a step
 * not needed costs nothing). A step ranks at most WIDE_CAP matching rows (a broad query like "sunday" in a
 * big account) and keeps its best CANDIDATES. Trigram similarity of the whole question is read for those
 * candidates only: as a filter over the account it would compare every row.
 */
function searchInSteps(q: MatchQuery, steps: string[], approved: SQL): SQL {
  const parts: SQL[] = [];
  steps.forEach((tsquery, i) => {
    const before = steps.slice(0, i).map((_, j) => `(select count(*) from s${j})`);
    const gate = before.length ? sql.raw(` and ${before.join(" + ")} < ${ENOUGH}`) : sql``;
    parts.push(sql`${sql.raw(`s${i}`)} as (
      select m.id, ${sql.raw(String(i))} as step, ts_rank(m.search_vector, tq, 1) as rank
      from (select m.id, m.search_vector from memory_answers m
            where m.account_id = ${q.accountId} and (m.valid_until is null or m.valid_until > now())${approved}
              and m.search_vector @@ to_tsquery('english', ${tsquery})${gate} limit ${WIDE_CAP}) m,
           to_tsquery('english', ${tsquery}) tq
      order by rank desc limit ${CANDIDATES})`);
  });
  const union = sql.raw(steps.map((_, i) => `select * from s${i}`).join(" union all "));
  return sql`with ${sql.join(parts, sql`, `)}
    select ${COLUMNS}, similarity(m.question, ${q.question}) as trgm
    from (${union}) c join memory_answers m on m.id = c.id
    order by c.step, c.rank desc`;
}

/**
 * Full-text search (english stemming, GIN index) finds the candidates — answers sharing every specific word
 * of the question (synonyms count), else all but one, else any; the scorer (score.ts) ranks them, comparing days, numbers and names exactly and
 * forgiving one-letter typos, with pg_trgm's similarity of the whole question as a small bonus.
 */
export const lexicalMatcher: AnswerMatcher = {
  name: "lexical",
  async findMatches(db: Db, q: MatchQuery): Promise<Match[]> {
    const terms = termsOf(q.question);
    if (!terms.length) return [];
    const groups = searchGroups(terms);
    if (!groups.length) return [];
    const approved = q.approvedOnly ? sql` and m.approved_for_auto` : sql``;
    const clause = (g: string[]) => `(${g.join(" | ")})`;
    const and = (gs: string[][]) => gs.map(clause).join(" & ");
    // Narrow first, so the ranking runs over few rows: every word of the question, every specific word,
    // all specific words but one, and only then any of them.
    const all = searchGroups(terms, { withGeneric: true });
    const steps: string[] = [];
    if (all.length > groups.length) steps.push(and(all));
    steps.push(and(groups));
    if (groups.length > 2) steps.push(groups.map((_, skip) => `(${and(groups.filter((_, i) => i !== skip))})`).join(" | "));
    if (groups.length > 1) steps.push(groups.map(clause).join(" | "));
    const rows = await queryRows<Raw & { trgm: number }>(db, searchInSteps(q, steps, approved));
    const seen = new Set<string>();
    const matches: Match[] = [];
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      // Near-identical spelling (a typo in a long question) lifts a lexical score a little, never past 1.
      const lexical = scoreTerms(terms, termsOf(r.question));
      const score = Math.min(1, Math.round((lexical + Math.max(0, Number(r.trgm) - 0.8) * 0.5) * 1000) / 1000);
      if (score >= q.minScore) matches.push({ entry: toRow(r), score });
    }
    // Equal scores: the most recently answered first (it is the most likely to be current).
    matches.sort((x, y) => y.score - x.score || y.entry.answeredAt.getTime() - x.entry.answeredAt.getTime());
    return matches.slice(0, q.limit);
  },
};
