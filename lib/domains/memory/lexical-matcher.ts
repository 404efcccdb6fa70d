import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/adapters/db/client";
import type { MemoryAnswerRow } from "@/lib/adapters/db/schema";
import { searchWords, termsOf } from "@/lib/domains/memory/normalize";
import type { AnswerMatcher, Match, MatchQuery } from "@/lib/domains/memory/port";
import { scoreTerms } from "@/lib/domains/memory/score";

/** Candidates read from the database per search; the scorer then ranks them. */
const CANDIDATES = 40;
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
 * Full-text search (english stemming, every word of the question and its synonyms OR-ed) finds the
 * candidates that share words; trigram similarity adds those that share spelling (typos, joined words).
 * Both use GIN indexes; the scorer (score.ts) decides, so days, numbers and names are compared exactly.
 */
export const lexicalMatcher: AnswerMatcher = {
  name: "lexical",
  async findMatches(db: Db, q: MatchQuery): Promise<Match[]> {
    const terms = termsOf(q.question);
    if (!terms.length) return [];
    const words = searchWords(terms);
    const tsquery = words.length ? words.join(" | ") : "";
    const live = sql`m.account_id = ${q.accountId} and (m.valid_until is null or m.valid_until > now())${q.approvedOnly ? sql` and m.approved_for_auto` : sql``}`;
    const fullText = tsquery
      ? sql`(select ${COLUMNS} from memory_answers m, to_tsquery('english', ${tsquery}) tq
           where ${live} and m.search_vector @@ tq order by ts_rank(m.search_vector, tq, 1) desc limit ${CANDIDATES})`
      : null;
    const trigram = sql`(select ${COLUMNS} from memory_answers m where ${live} and m.question % ${q.question}
           order by similarity(m.question, ${q.question}) desc limit 10)`;
    const rows = await queryRows<Raw>(db, fullText ? sql`${fullText} union all ${trigram}` : trigram);
    const seen = new Set<string>();
    const matches: Match[] = [];
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const score = scoreTerms(terms, termsOf(r.question));
      if (score >= q.minScore) matches.push({ entry: toRow(r), score });
    }
    // Equal scores: the most recently answered first (it is the most likely to be current).
    matches.sort((x, y) => y.score - x.score || y.entry.answeredAt.getTime() - x.entry.answeredAt.getTime());
    return matches.slice(0, q.limit);
  },
};
