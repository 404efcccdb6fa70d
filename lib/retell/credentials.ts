import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Deps } from "@/lib/deps";
import { retellCredentials } from "@/lib/db/schema";
import { AppError, describeIssues } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertScope } from "@/lib/auth/permissions";
import { actorOf, type Principal } from "@/lib/auth/principal";

/**
 * The account's Retell API key: Retell signs every custom-function request (and webhook) with it.
 * Write-only: stored as given (there is no encryption helper in the code base, and a key encrypted with
 * another secret kept beside it would protect nothing), never returned — only whether one is set and its
 * last 4 characters, enough for an admin to recognise it.
 */
export type RetellKeyStatus = { apiKeySet: boolean; apiKeyLast4: string | null; updatedAt: string | null };

export const retellKeyInput = z.object({
  apiKey: z
    .string({ message: "must be a string" })
    .trim()
    .min(8, "must be at least 8 characters")
    .max(200, "must be at most 200 characters")
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (paste the key from Retell's dashboard)"),
});

const statusOf = (row?: { apiKeyLast4: string; updatedAt: Date }): RetellKeyStatus =>
  row ? { apiKeySet: true, apiKeyLast4: row.apiKeyLast4, updatedAt: row.updatedAt.toISOString() } : { apiKeySet: false, apiKeyLast4: null, updatedAt: null };

/** For the signature check only (server side): the key, or null when the account stored none. */
export async function getRetellApiKey(db: Db, accountId: string): Promise<string | null> {
  const [row] = await db.select({ apiKey: retellCredentials.apiKey }).from(retellCredentials).where(eq(retellCredentials.accountId, accountId)).limit(1);
  return row?.apiKey ?? null;
}

/** GET /api/settings/retell (admin). */
export async function readRetellKeyStatus(deps: Pick<Deps, "db">, principal: Principal): Promise<RetellKeyStatus> {
  assertScope(principal, "admin");
  const [row] = await deps.db
    .select({ apiKeyLast4: retellCredentials.apiKeyLast4, updatedAt: retellCredentials.updatedAt })
    .from(retellCredentials)
    .where(eq(retellCredentials.accountId, principal.accountId))
    .limit(1);
  return statusOf(row);
}

/** PUT /api/settings/retell {apiKey} (admin): store or replace the key; audited without the key. */
export async function setRetellApiKey(deps: Pick<Deps, "db">, principal: Principal, raw: unknown): Promise<RetellKeyStatus> {
  assertScope(principal, "admin");
  const parsed = retellKeyInput.safeParse(raw);
  if (!parsed.success) throw new AppError("validation_failed", describeIssues(parsed.error.issues));
  const apiKey = parsed.data.apiKey;
  const values = { accountId: principal.accountId, apiKey, apiKeyLast4: apiKey.slice(-4), updatedAt: new Date() };
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(retellCredentials)
      .values(values)
      .onConflictDoUpdate({ target: retellCredentials.accountId, set: { apiKey, apiKeyLast4: values.apiKeyLast4, updatedAt: values.updatedAt } })
      .returning({ apiKeyLast4: retellCredentials.apiKeyLast4, updatedAt: retellCredentials.updatedAt });
    await recordAudit(tx, { accountId: principal.accountId, entityType: "account", entityId: principal.accountId, action: "account.retell_key_set", ...actorOf(principal), data: { last4: values.apiKeyLast4 } });
    return statusOf(row);
  });
}

/** DELETE /api/settings/retell (admin): forget the key; requests are then no longer signature-checked. */
export async function deleteRetellApiKey(deps: Pick<Deps, "db">, principal: Principal): Promise<RetellKeyStatus> {
  assertScope(principal, "admin");
  return deps.db.transaction(async (tx) => {
    const gone = await tx.delete(retellCredentials).where(eq(retellCredentials.accountId, principal.accountId)).returning({ accountId: retellCredentials.accountId });
    if (gone.length) await recordAudit(tx, { accountId: principal.accountId, entityType: "account", entityId: principal.accountId, action: "account.retell_key_deleted", ...actorOf(principal) });
    return statusOf();
  });
}
