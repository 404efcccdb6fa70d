import type { Db } from "@/lib/adapters/db/client";
import type { MemoryDeps } from "@/lib/domains/memory/port";
import { caseMessages } from "@/lib/adapters/db/schema";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { findAutoAnswer } from "@/lib/domains/memory/search";
import type { Match } from "@/lib/domains/memory/port";

/**
 * The saved answer that answers a new case at once, or null. A test escalation always reaches the
 * operators: it exists to check that people can answer.
 */
export async function lookUpMemoryAnswer(deps: MemoryDeps, accountId: string, question: string, source: string): Promise<Match | null> {
  if (source === "test") return null;
  return findAutoAnswer(deps, accountId, question);
}

/** The columns of a case answered from memory at creation: answered and closed, with the entry that answered. */
export function memoryAnsweredColumns(match: Match, now: Date) {
  return { status: "answered" as const, answer: match.entry.answer, answeredAt: now, closedAt: now, memoryAnswerId: match.entry.id };
}

/** Inside createCase's transaction: the answer as a system message, the sheet event and the audit entry. */
export async function recordMemoryAnswer(tx: Db, c: { accountId: string; caseId: string; match: Match; now: Date }): Promise<void> {
  await tx.insert(caseMessages).values({ caseId: c.caseId, accountId: c.accountId, senderType: "system", content: c.match.entry.answer });
  await enqueueSheetEvents(tx, [{ entityType: "case", entityId: c.caseId, accountId: c.accountId, event: "answered", occurredAt: c.now }]);
  await recordAudit(tx, {
    accountId: c.accountId,
    entityType: "case",
    entityId: c.caseId,
    action: "case.answered_from_memory",
    fromStatus: "open",
    toStatus: "answered",
    actorType: "system",
    data: { memoryAnswerId: c.match.entry.id, score: c.match.score },
  });
}
