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
export async function lookUpMemoryAnswer(
  deps: MemoryDeps,
  accountId: string,
  question: string,
  source: string,
  offered: { choices: string[] | null; choicesOnly: boolean } = { choices: null, choicesOnly: false },
): Promise<Match | null> {
  if (source === "test") return null;
  const match = await findAutoAnswer(deps, accountId, question);
  // A case that only a choice may answer is answered from memory only by a saved answer that is one of them.
  if (match && offered.choicesOnly && !choiceOf(match.entry.answer, offered.choices)) return null;
  return match;
}

/**
 * The offered choice a saved answer amounts to: an answer given by picking a choice is saved as that
 * choice's words, so the same words (ignoring case and surrounding space) carry the choice again.
 */
export function choiceOf(answer: string, choices: string[] | null): string | null {
  const said = answer.trim().toLowerCase();
  return choices?.find((c) => c.toLowerCase() === said) ?? null;
}

/** The columns of a case answered from memory at creation: answered and closed, with the entry that answered. */
export function memoryAnsweredColumns(match: Match, now: Date, choices: string[] | null = null) {
  const answer = match.entry.answer;
  return {
    status: "answered" as const,
    answer,
    choice: choiceOf(answer, choices),
    answeredAt: now,
    closedAt: now,
    memoryAnswerId: match.entry.id,
  };
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
