import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { retellCredentials } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { openFrom, sealFor } from "@/lib/adapters/db/sealed-columns";

const SECRET = "retell_credentials.api_key";

/**
 * The account's Retell API key: Retell signs every custom-function request (and webhook) with it.
 * Write-only: stored encrypted (lib/platform/secrets), never returned — only whether one is set and its
 * last 4 characters, enough for an admin to recognise it.
 */
export type RetellKeyStatus = {
  apiKeySet: boolean;
  apiKeyLast4: string | null;
  updatedAt: string | null;
  /** make_phone_call and late-answer callbacks go out through this account's Retell agent. */
  placeCalls: boolean;
  callsAgentId: string | null;
  callsFromNumber: string | null;
};

/** PUT /api/settings/retell: the key (required while none is stored), and optionally the calls settings. */
export const retellKeyInput = z
  .object({
    apiKey: z
      .string({ message: "must be a string" })
      .trim()
      .min(8, "must be at least 8 characters")
      .max(200, "must be at most 200 characters")
      .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (paste the key from Retell's dashboard)")
      .optional(),
    placeCalls: z.boolean({ message: "must be true or false" }).optional(),
    callsAgentId: z
      .string({ message: "must be a string" })
      .trim()
      .regex(/^[\x21-\x7e]{1,200}$/, "must be a Retell agent id (agent_…)")
      .nullable()
      .optional(),
    callsFromNumber: z
      .string({ message: "must be a string" })
      .trim()
      .regex(/^\+[1-9][0-9]{6,14}$/, "must be an E.164 number you have in Retell, e.g. +14155550100")
      .nullable()
      .optional(),
  })
  .strict();

type Row = typeof retellCredentials.$inferSelect;
const statusOf = (row?: Pick<Row, "apiKeyLast4" | "updatedAt" | "placeCalls" | "callsAgentId" | "callsFromNumber">): RetellKeyStatus =>
  row
    ? {
        apiKeySet: true,
        apiKeyLast4: row.apiKeyLast4,
        updatedAt: row.updatedAt.toISOString(),
        placeCalls: row.placeCalls,
        callsAgentId: row.callsAgentId,
        callsFromNumber: row.callsFromNumber,
      }
    : { apiKeySet: false, apiKeyLast4: null, updatedAt: null, placeCalls: false, callsAgentId: null, callsFromNumber: null };

/** What placing a call through Retell needs, or null when the account does not place calls through Retell. */
export async function getRetellCallSettings(
  db: Db,
  accountId: string,
): Promise<{ apiKey: string; agentId: string; fromNumber: string } | null> {
  const [row] = await db.select().from(retellCredentials).where(eq(retellCredentials.accountId, accountId)).limit(1);
  return row?.placeCalls && row.callsAgentId && row.callsFromNumber
    ? { apiKey: openFrom(SECRET, accountId, row.apiKey, row.apiKeyKeyId)!, agentId: row.callsAgentId, fromNumber: row.callsFromNumber }
    : null;
}

/** For the signature check only (server side): the key, or null when the account stored none. */
export async function getRetellApiKey(db: Db, accountId: string): Promise<string | null> {
  const [row] = await db
    .select({ apiKey: retellCredentials.apiKey, keyId: retellCredentials.apiKeyKeyId })
    .from(retellCredentials)
    .where(eq(retellCredentials.accountId, accountId))
    .limit(1);
  return row ? openFrom(SECRET, accountId, row.apiKey, row.keyId) : null;
}

/** GET /api/settings/retell (admin). */
export async function readRetellKeyStatus(deps: Pick<Deps, "db">, principal: Principal): Promise<RetellKeyStatus> {
  assertScope(principal, "admin");
  const [row] = await deps.db.select().from(retellCredentials).where(eq(retellCredentials.accountId, principal.accountId)).limit(1);
  return statusOf(row);
}

/** PUT /api/settings/retell {apiKey?, placeCalls?, callsAgentId?, callsFromNumber?} (admin): store or change; audited without the key. */
export async function setRetellApiKey(deps: Pick<Deps, "db">, principal: Principal, raw: unknown): Promise<RetellKeyStatus> {
  assertScope(principal, "admin");
  const input = parseOrThrow(retellKeyInput, raw);
  return deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(retellCredentials)
      .where(eq(retellCredentials.accountId, principal.accountId))
      .limit(1)
      .for("update");
    if (!input.apiKey && !current) throw new AppError("validation_failed", "apiKey: required — no Retell API key is stored yet");
    // A new key is sealed; without one the stored (sealed) key stays as it is.
    const key = input.apiKey
      ? { ...sealFor(SECRET, principal.accountId, input.apiKey), last4: input.apiKey.slice(-4) }
      : { value: current!.apiKey, keyId: current!.apiKeyKeyId, last4: current!.apiKeyLast4 };
    const next = {
      apiKey: key.value,
      apiKeyKeyId: key.keyId,
      apiKeyLast4: key.last4,
      placeCalls: input.placeCalls ?? current?.placeCalls ?? false,
      callsAgentId: input.callsAgentId === undefined ? (current?.callsAgentId ?? null) : input.callsAgentId,
      callsFromNumber: input.callsFromNumber === undefined ? (current?.callsFromNumber ?? null) : input.callsFromNumber,
      updatedAt: new Date(),
    };
    if (next.placeCalls && (!next.callsAgentId || !next.callsFromNumber))
      throw new AppError(
        "validation_failed",
        "placeCalls: needs callsAgentId and callsFromNumber (the Retell agent and number calls go out with)",
      );
    const [row] = await tx
      .insert(retellCredentials)
      .values({ accountId: principal.accountId, ...next })
      .onConflictDoUpdate({ target: retellCredentials.accountId, set: next })
      .returning();
    const data = {
      last4: next.apiKeyLast4,
      keyChanged: input.apiKey !== undefined,
      placeCalls: next.placeCalls,
      callsAgentId: next.callsAgentId,
    };
    await recordAudit(tx, {
      accountId: principal.accountId,
      entityType: "account",
      entityId: principal.accountId,
      action: "account.retell_key_set",
      ...actorOf(principal),
      data,
    });
    return statusOf(row);
  });
}

/** DELETE /api/settings/retell (admin): forget the key; requests are then no longer signature-checked. */
export async function deleteRetellApiKey(deps: Pick<Deps, "db">, principal: Principal): Promise<RetellKeyStatus> {
  assertScope(principal, "admin");
  return deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(retellCredentials)
      .where(eq(retellCredentials.accountId, principal.accountId))
      .returning({ accountId: retellCredentials.accountId });
    if (gone.length)
      await recordAudit(tx, {
        accountId: principal.accountId,
        entityType: "account",
        entityId: principal.accountId,
        action: "account.retell_key_deleted",
        ...actorOf(principal),
      });
    return statusOf();
  });
}
