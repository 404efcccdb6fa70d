import { and, asc, eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { cannedReplies, type CannedReplyRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { cannedReplyInput, cannedReplyPatch, type PublicCannedReply } from "@/lib/domains/canned-replies/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { isUuid } from "@/lib/platform/validation/uuid";

export function toPublicCannedReply(r: CannedReplyRow): PublicCannedReply {
  return {
    id: r.id,
    shortcut: r.shortcut,
    title: r.title,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

// The unique index (account_id, shortcut) decides races; the loser gets the same 409 as a plain duplicate.
function duplicateAsConflict(shortcut: string | undefined) {
  return (e: unknown): never => {
    const code = (e as { cause?: { code?: string }; code?: string })?.cause?.code ?? (e as { code?: string })?.code;
    if (code === "23505") throw new AppError("conflict", `shortcut: /${shortcut} already exists in this account`);
    throw e;
  };
}

/** The account's canned replies, by shortcut. */
export async function listCannedReplies(deps: Deps, accountId: string): Promise<CannedReplyRow[]> {
  return deps.db.select().from(cannedReplies).where(eq(cannedReplies.accountId, accountId)).orderBy(asc(cannedReplies.shortcut)).limit(500);
}

export async function createCannedReply(deps: Deps, principal: Principal, raw: unknown): Promise<CannedReplyRow> {
  assertScope(principal, "replies:write");
  const input = parseOrThrow(cannedReplyInput, raw);
  const [row] = await deps.db
    .insert(cannedReplies)
    .values({ accountId: principal.accountId, ...input, createdByMemberId: principal.kind === "member" ? principal.memberId : null })
    .returning()
    .catch(duplicateAsConflict(input.shortcut));
  return row!;
}

export async function updateCannedReply(deps: Deps, principal: Principal, id: string, raw: unknown): Promise<CannedReplyRow> {
  assertScope(principal, "replies:write");
  const patch = parseOrThrow(cannedReplyPatch, raw);
  await getCannedReplyOrThrow(deps, principal.accountId, id);
  const [row] = await deps.db
    .update(cannedReplies)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(cannedReplies.id, id), eq(cannedReplies.accountId, principal.accountId)))
    .returning()
    .catch(duplicateAsConflict(patch.shortcut));
  return row!;
}

export async function deleteCannedReply(deps: Deps, principal: Principal, id: string): Promise<void> {
  assertScope(principal, "replies:write");
  await getCannedReplyOrThrow(deps, principal.accountId, id);
  await deps.db.delete(cannedReplies).where(and(eq(cannedReplies.id, id), eq(cannedReplies.accountId, principal.accountId)));
}

/** Same 404 for unknown ids and other accounts' replies. */
export async function getCannedReplyOrThrow(deps: Deps, accountId: string, id: string): Promise<CannedReplyRow> {
  const notFound = new AppError("not_found", `Canned reply ${id} was not found.`);
  if (!isUuid(id)) throw notFound;
  const [row] = await deps.db
    .select()
    .from(cannedReplies)
    .where(and(eq(cannedReplies.id, id), eq(cannedReplies.accountId, accountId)))
    .limit(1);
  if (!row) throw notFound;
  return row;
}
