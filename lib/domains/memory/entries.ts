import { and, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { MemoryDeps } from "@/lib/domains/memory/port";
import { memoryAnswers, type MemoryAnswerRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { memoryEntryInput, memoryEntryPatch, type MemoryEntryInput } from "@/lib/domains/memory/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { isUuid } from "@/lib/platform/validation/uuid";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { actorOf } from "@/lib/domains/auth/principal";

const memberOf = (p: Principal) => (p.kind === "member" ? p.memberId : null);

/** The row to insert for one entry (create and import share it). */
export function entryValues(principal: Principal, input: MemoryEntryInput, extra: Partial<MemoryAnswerRow> = {}) {
  const approved = input.approvedForAuto === true;
  return {
    accountId: principal.accountId,
    question: input.question,
    answer: input.answer,
    tags: input.tags ?? [],
    validUntil: input.validUntil ?? null,
    answeredByMemberId: input.answeredBy ? null : memberOf(principal),
    answeredByName: input.answeredBy ?? (principal.kind === "member" ? principal.name || principal.email : principal.keyPrefix),
    approvedForAuto: approved,
    approvedAt: approved ? new Date() : null,
    approvedByMemberId: approved ? memberOf(principal) : null,
    ...extra,
  };
}

/** POST /api/memory — an admin adds an entry by hand. */
export async function createMemoryEntry(deps: MemoryDeps, principal: Principal, raw: unknown): Promise<MemoryAnswerRow> {
  assertScope(principal, "admin");
  const input = parseOrThrow(memoryEntryInput, raw);
  const [row] = await deps.db.insert(memoryAnswers).values(entryValues(principal, input)).returning();
  return row!;
}

/** Same 404 for unknown ids and other accounts' entries. */
export async function getMemoryEntryOrThrow(deps: MemoryDeps, accountId: string, id: string): Promise<MemoryAnswerRow> {
  const notFound = new AppError("not_found", `Saved answer ${id} was not found.`);
  if (!isUuid(id)) throw notFound;
  const [row] = await deps.db
    .select()
    .from(memoryAnswers)
    .where(and(eq(memoryAnswers.id, id), eq(memoryAnswers.accountId, accountId)))
    .limit(1);
  if (!row) throw notFound;
  return row;
}

/** PATCH /api/memory/{id} — edit, expire (validUntil), approve or withdraw approval for automatic use. */
export async function updateMemoryEntry(deps: MemoryDeps, principal: Principal, id: string, raw: unknown): Promise<MemoryAnswerRow> {
  assertScope(principal, "admin");
  const patch = parseOrThrow(memoryEntryPatch, raw);
  const before = await getMemoryEntryOrThrow(deps, principal.accountId, id);
  const approval =
    patch.approvedForAuto === undefined || patch.approvedForAuto === before.approvedForAuto
      ? {}
      : patch.approvedForAuto
        ? { approvedAt: new Date(), approvedByMemberId: memberOf(principal) }
        : { approvedAt: null, approvedByMemberId: null };
  const [row] = await deps.db
    .update(memoryAnswers)
    .set({ ...patch, ...approval, updatedAt: new Date() })
    .where(and(eq(memoryAnswers.id, id), eq(memoryAnswers.accountId, principal.accountId)))
    .returning();
  if (patch.approvedForAuto !== undefined && patch.approvedForAuto !== before.approvedForAuto) {
    await recordAudit(deps.db, {
      accountId: principal.accountId,
      entityType: "memory_answer",
      entityId: id,
      action: patch.approvedForAuto ? "memory.approved" : "memory.unapproved",
      ...actorOf(principal),
    });
  }
  return row!;
}

/** DELETE /api/memory/{id}. */
export async function deleteMemoryEntry(deps: MemoryDeps, principal: Principal, id: string): Promise<void> {
  assertScope(principal, "admin");
  await getMemoryEntryOrThrow(deps, principal.accountId, id);
  await deps.db.delete(memoryAnswers).where(and(eq(memoryAnswers.id, id), eq(memoryAnswers.accountId, principal.accountId)));
}

/** The account's entries, newest first; `q` filters by words in the question or answer. */
export async function listMemoryEntries(
  deps: MemoryDeps,
  accountId: string,
  opts: { q?: string; limit?: number } = {},
): Promise<MemoryAnswerRow[]> {
  const where: SQL[] = [eq(memoryAnswers.accountId, accountId)];
  const q = opts.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(memoryAnswers.question, like), ilike(memoryAnswers.answer, like))!);
  }
  return deps.db
    .select()
    .from(memoryAnswers)
    .where(and(...where))
    .orderBy(desc(memoryAnswers.updatedAt))
    .limit(Math.min(opts.limit ?? 200, 5000));
}
