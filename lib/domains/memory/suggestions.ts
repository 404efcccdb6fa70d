import type { MemoryDeps } from "@/lib/domains/memory/port";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { getMemoryEntryOrThrow } from "@/lib/domains/memory/entries";
import { answerMatcher, countUse } from "@/lib/domains/memory/search";

export type Suggestion = {
  id: string;
  question: string;
  answer: string;
  score: number;
  answeredBy: string;
  answeredAt: string;
  approvedForAuto: boolean;
};

/**
 * GET /api/cases/{id}/suggestions — the saved answers that best match a case's question, for the operator
 * answering it (approved or not). Suggestions never send themselves: the console only inserts one.
 */
export async function suggestAnswersForCase(
  deps: MemoryDeps,
  principal: Principal,
  caseId: string,
): Promise<{ suggestions: Suggestion[] }> {
  assertScope(principal, "hitl:answer");
  const row = await getCaseOrThrow(deps.db, principal.accountId, caseId);
  const matches = await answerMatcher(deps).findMatches(deps.db, {
    accountId: principal.accountId,
    question: row.question,
    approvedOnly: false,
    limit: 3,
    minScore: deps.config.MEMORY_SUGGEST_MIN_SCORE,
  });
  await countUse(
    deps,
    principal.accountId,
    matches.map((m) => m.entry.id),
    "suggestedCount",
  );
  return {
    suggestions: matches.map(({ entry, score }) => ({
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      score,
      answeredBy: entry.answeredByName,
      answeredAt: entry.answeredAt.toISOString(),
      approvedForAuto: entry.approvedForAuto,
    })),
  };
}

/** POST /api/memory/{id}/reused — an operator inserted this saved answer into a reply. */
export async function recordAnswerReused(deps: MemoryDeps, principal: Principal, id: string): Promise<{ reused: number }> {
  assertScope(principal, "hitl:answer");
  await getMemoryEntryOrThrow(deps, principal.accountId, id);
  await countUse(deps, principal.accountId, [id], "reusedCount");
  return { reused: (await getMemoryEntryOrThrow(deps, principal.accountId, id)).reusedCount };
}
