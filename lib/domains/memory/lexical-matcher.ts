import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/adapters/db/client";
import type { MemoryAnswerRow } from "@/lib/adapters/db/schema";
import { searchGroups, termsOf } from "@/lib/domains/memory/normalize";
import type { AnswerMatcher, Match, MatchQuery } from "@/lib/domains/memory/port";
import { scoreTerms } from "@/lib/domains/memory/score";

/** Candidates read from the database per search; the scorer then ranks them. */
const CANDIDATES = 40;
/** Fewer candidates than this from a narrow query widens it. */
const ENOUGH = 3;
const WIDE_CAP = 200;
// Every column but search_vector (the scorer reads the question itself).
const COLUMNS = sql.raw(
  "m.id, m.account_id, m.question, m.answer, m.tags, m.answered_by_member_id, m.answered_by_name, m.answered_at, m.source_case_id, " +
    "m.valid_until, m.approved_for_auto, m.approved_at, m.approved_by_member_id, m.suggested_count, m.reused_count, m.auto_used_count, " +
    "m.created_at, m.updated_at",
);

type Raw = {
  id: string;
  account_id: string;
  question: string;
  answer: string;
  tags: string[];
  answered_by_member_id: string | null;
  answered_by_name: string;
  answered_at: Date | string;
  source_case_id: string | null;
  valid_until: Date | string | null;
  approved_for_auto: boolean;
  approved_at: Date | string | null;
  approved_by_member_id: string | null;
  suggested_count: number;
  reused_count: number;
  auto_used_count: number;
  created_at: Date | string;
  updated_at: Date | string;
};

const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

function toRow(r: Raw): MemoryAnswerRow {
  return {
    id: r.id,
    accountId: r.account_id,
    question: r.question,
    answer: r.answer,
    tags: r.tags ?? [],
    answeredByMemberId: r.answered_by_member_id,
    answeredByName: r.answered_by_name,
    answeredAt: date(r.answered_at)!,
    sourceCaseId: r.source_case_id,
    validUntil: date(r.valid_until),
    approvedForAuto: r.approved_for_auto,
    approvedAt: date(r.approved_at),
    approvedByMemberId: r.approved_by_member_id,
    suggestedCount: r.suggested_count,
    reusedCount: r.reused_count,
    autoUsedCount: r.auto_used_count,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
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
    // Trigram similarity of the whole question is read for the candidates only: as a filter over the
    // account it would compare every row (hundreds of ms at 100,000 answers); here it costs nothing.
    // WIDE_CAP bounds how many matching rows are ranked when a query is broad ("sunday" in a big account).
    const find = (tsquery: string) =>
      queryRows<Raw & { trgm: number }>(
        db,
        sql`select ${COLUMNS}, similarity(m.question, ${q.question}) as trgm
            from (select m.* from memory_answers m, to_tsquery('english', ${tsquery}) tq
                  where m.account_id = ${q.accountId} and (m.valid_until is null or m.valid_until > now())${approved}
                    and m.search_vector @@ tq limit ${WIDE_CAP}) m, to_tsquery('english', ${tsquery}) tq
            order by ts_rank(m.search_vector, tq, 1) desc limit ${CANDIDATES}`,
      );
    const clause = (g: string[]) => `(${g.join(" | ")})`;
    const and = (gs: string[][]) => gs.map(clause).join(" & ");
    // Narrow first, so the ranking runs over few rows: every word of the question, every specific word,
    // all specific words but one, and only then any of them.
    const all = searchGroups(terms, { withGeneric: true });
    let rows = all.length > groups.length ? await find(and(all)) : [];
    if (rows.length < ENOUGH) rows = [...rows, ...(await find(and(groups)))];
    if (rows.length < ENOUGH && groups.length > 2) {
      const allButOne = groups.map((_, skip) => `(${and(groups.filter((_, i) => i !== skip))})`).join(" | ");
      rows = [...rows, ...(await find(allButOne))];
    }
    if (rows.length < ENOUGH && groups.length > 1) rows = [...rows, ...(await find(groups.map(clause).join(" | ")))];
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
