import type { MemoryDeps } from "@/lib/domains/memory/port";
import { memoryAnswers, type MemoryAnswerRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { entryValues } from "@/lib/domains/memory/entries";
import { saveFromCaseInput } from "@/lib/domains/memory/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/**
 * POST /api/memory/from-case — an operator keeps the answer they gave as a reusable answer. It is
 * suggested to operators at once; only an admin's approval lets it answer callers by itself.
 */
export async function saveAnswerFromCase(deps: MemoryDeps, principal: Principal, raw: unknown): Promise<MemoryAnswerRow> {
  assertScope(principal, "hitl:answer");
  const input = parseOrThrow(saveFromCaseInput, raw);
  const row = await getCaseOrThrow(deps.db, principal.accountId, input.caseId);
  if (row.status !== "answered" || !row.answer) throw new AppError("conflict", "Only an answered case can be saved as a reusable answer.");
  const values = entryValues(principal, {
    question: input.question ?? row.question,
    answer: input.answer ?? row.answer,
    tags: input.tags,
    validUntil: input.validUntil ?? null,
  });
  const [saved] = await deps.db
    .insert(memoryAnswers)
    .values({ ...values, sourceCaseId: row.id, answeredAt: row.answeredAt ?? new Date() })
    .returning();
  return saved!;
}
