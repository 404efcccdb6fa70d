import { and, eq, inArray, sql } from "drizzle-orm";
import { memoryAnswers } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { lexicalMatcher } from "@/lib/domains/memory/lexical-matcher";
import type { AnswerMatcher, Match, MemoryDeps } from "@/lib/domains/memory/port";
import { searchAnswersInput, type SearchAnswersResult } from "@/lib/domains/memory/schemas";
import { getAutoAnswerSettings } from "@/lib/domains/memory/settings";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/** The matcher in use: the one the composition root built (embeddings when configured), else lexical (the CLI). */
export function answerMatcher(deps: MemoryDeps): AnswerMatcher {
  return deps.answerMatcher ?? lexicalMatcher;
}

/** Which matcher answers this instance's searches, for Admin → Answers (an instance setting, not the account's). */
export function describeMatcher(deps: MemoryDeps): { matcher: string; model: string | null; endpoint: "up" | "down" | "probing" | null } {
  const m = answerMatcher(deps) as AnswerMatcher & { state?: () => "up" | "down" | "probing" };
  if (m.name !== "embeddings") return { matcher: m.name, model: null, endpoint: null };
  return { matcher: m.name, model: deps.config.MEMORY_EMBEDDINGS_MODEL, endpoint: m.state?.() ?? null };
}

type Counter = "suggestedCount" | "reusedCount" | "autoUsedCount";

/** Adds one to a counter of these entries (of this account only). */
export async function countUse(deps: MemoryDeps, accountId: string, ids: string[], counter: Counter): Promise<void> {
  if (!ids.length) return;
  const col = memoryAnswers[counter];
  await deps.db
    .update(memoryAnswers)
    .set({ [counter]: sql`${col} + 1` })
    .where(and(eq(memoryAnswers.accountId, accountId), inArray(memoryAnswers.id, ids)));
}

/**
 * The approved entry that answers this question without a person, or null: only when the account's
 * automatic answers are on and the best match reaches its threshold. Used by ask_human, Retell and REST.
 */
export async function findAutoAnswer(deps: MemoryDeps, accountId: string, question: string): Promise<Match | null> {
  // Off, or nothing approved to answer with: no search at all.
  const settings = await getAutoAnswerSettings(deps, accountId);
  if (!settings.autoAnswer || !settings.anyApproved) return null;
  const [best] = await answerMatcher(deps).findMatches(deps.db, {
    accountId,
    question,
    approvedOnly: true,
    limit: 1,
    minScore: settings.threshold,
  });
  return best ?? null;
}

/** search_answers: approved saved answers for a caller's question, with their scores; no person involved. */
export async function searchAnswers(deps: MemoryDeps, principal: Principal, raw: unknown): Promise<SearchAnswersResult> {
  assertScope(principal, "hitl:ask");
  const input = parseOrThrow(searchAnswersInput, raw);
  const settings = await getAutoAnswerSettings(deps, principal.accountId);
  const matches = await answerMatcher(deps).findMatches(deps.db, {
    accountId: principal.accountId,
    question: input.question,
    approvedOnly: true,
    limit: input.limit ?? 3,
    minScore: deps.config.MEMORY_SUGGEST_MIN_SCORE,
  });
  const best = matches[0];
  const confident = best && best.score >= settings.threshold;
  return {
    message: confident ? best.entry.answer : "I don't have a saved answer for that; I can ask a colleague.",
    answers: matches.map((m) => ({ id: m.entry.id, question: m.entry.question, answer: m.entry.answer, score: m.score })),
  };
}
