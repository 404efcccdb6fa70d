import type { MemoryAnswerRow } from "@/lib/adapters/db/schema";
import type { PublicMemoryEntry } from "@/lib/domains/memory/schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPublicMemoryEntry(r: MemoryAnswerRow): PublicMemoryEntry {
  return {
    id: r.id,
    question: r.question,
    answer: r.answer,
    tags: r.tags,
    answeredBy: { memberId: r.answeredByMemberId, name: r.answeredByName },
    answeredAt: r.answeredAt.toISOString(),
    sourceCaseId: r.sourceCaseId,
    validUntil: iso(r.validUntil),
    approvedForAuto: r.approvedForAuto,
    approvedAt: iso(r.approvedAt),
    counts: { suggested: r.suggestedCount, reused: r.reusedCount, autoUsed: r.autoUsedCount },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
