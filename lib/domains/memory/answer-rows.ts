import { sql } from "drizzle-orm";
import type { MemoryAnswerRow } from "@/lib/adapters/db/schema";

// A saved answer as raw SQL reads it (table aliased `m`), and its typed row: shared by the matchers.
// Every column but search_vector (the scorers read the question itself).
export const ANSWER_COLUMNS = sql.raw(
  "m.id, m.account_id, m.question, m.answer, m.tags, m.answered_by_member_id, m.answered_by_name, m.answered_at, m.source_case_id, " +
    "m.valid_until, m.approved_for_auto, m.approved_at, m.approved_by_member_id, m.suggested_count, m.reused_count, m.auto_used_count, " +
    "m.created_at, m.updated_at",
);

export type AnswerRaw = {
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

export function toAnswerRow(r: AnswerRaw): MemoryAnswerRow {
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
