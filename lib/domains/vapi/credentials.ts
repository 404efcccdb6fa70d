import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { vapiCredentials } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { openFrom, sealFor } from "@/lib/adapters/db/sealed-columns";

const KEY = "vapi_credentials.api_key";
const SECRET = "vapi_credentials.server_secret";

/**
 * The account's Vapi connection. Its private key places calls through Vapi; its server secret proves that a
 * request to /api/vapi/tools or /api/webhooks/vapi came from Vapi. Both write-only: stored sealed, never
 * returned — only whether each is set and its last 4 characters.
 */
export type VapiStatus = {
  apiKeySet: boolean;
  apiKeyLast4: string | null;
  serverSecretSet: boolean;
  serverSecretLast4: string | null;
  /** ask_human's wait on /api/vapi/tools (seconds), and whether it is the instance's default. */
  waitSeconds: number;
  waitIsDefault: boolean;
  placeCalls: boolean;
  callsAssistantId: string | null;
  callsPhoneNumberId: string | null;
  updatedAt: string | null;
};

const secret = (what: string) =>
  z
    .string({ message: "must be a string" })
    .trim()
    .min(8, "must be at least 8 characters")
    .max(500, "must be at most 500 characters")
    .regex(/^[\x21-\x7e]+$/, `must be printable ASCII without spaces (paste the ${what} from Vapi's dashboard)`);
const vapiId = (what: string) =>
  z
    .string({ message: "must be a string" })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, `must be a Vapi ${what} id`)
    .nullable()
    .optional();

/** PUT /api/settings/vapi: each field optional; null clears the secret, the wait (back to the default) or a calls setting. */
export const vapiSettingsInput = z
  .object({
    apiKey: secret("private API key").optional(),
    serverSecret: secret("server secret").nullable().optional(),
    waitSeconds: z
      .number({ message: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(5, "must be at least 5")
      .max(290, "must be at most 290")
      .nullable()
      .optional(),
    placeCalls: z.boolean({ message: "must be true or false" }).optional(),
    callsAssistantId: vapiId("assistant"),
    callsPhoneNumberId: vapiId("phone number"),
  })
  .strict();

type Row = typeof vapiCredentials.$inferSelect;

function statusOf(deps: Pick<Deps, "config">, row?: Row): VapiStatus {
  const fallback = deps.config.VAPI_DEFAULT_WAIT_SECONDS;
  return {
    apiKeySet: !!row?.apiKey,
    apiKeyLast4: row?.apiKeyLast4 ?? null,
    serverSecretSet: !!row?.serverSecret,
    serverSecretLast4: row?.serverSecretLast4 ?? null,
    waitSeconds: row?.waitSeconds ?? fallback,
    waitIsDefault: row?.waitSeconds == null,
    placeCalls: row?.placeCalls ?? false,
    callsAssistantId: row?.callsAssistantId ?? null,
    callsPhoneNumberId: row?.callsPhoneNumberId ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

async function rowOf(db: Db, accountId: string): Promise<Row | undefined> {
  const [row] = await db.select().from(vapiCredentials).where(eq(vapiCredentials.accountId, accountId)).limit(1);
  return row;
}

/** For the signature check only (server side): the server secret, or null when the account stored none. */
export async function getVapiServerSecret(db: Db, accountId: string): Promise<string | null> {
  const row = await rowOf(db, accountId);
  return row ? openFrom(SECRET, accountId, row.serverSecret, row.serverSecretKeyId) : null;
}

/** How long ask_human may wait on /api/vapi/tools for this account. */
export async function getVapiWaitSeconds(deps: Pick<Deps, "db" | "config">, accountId: string): Promise<number> {
  const [row] = await deps.db
    .select({ waitSeconds: vapiCredentials.waitSeconds })
    .from(vapiCredentials)
    .where(eq(vapiCredentials.accountId, accountId))
    .limit(1);
  return row?.waitSeconds ?? deps.config.VAPI_DEFAULT_WAIT_SECONDS;
}

/** What placing a call through Vapi needs, or null when the account does not place calls through Vapi. */
export async function getVapiCallSettings(
  db: Db,
  accountId: string,
): Promise<{ apiKey: string; assistantId: string; phoneNumberId: string } | null> {
  const row = await rowOf(db, accountId);
  if (!row?.placeCalls || !row.apiKey || !row.callsAssistantId || !row.callsPhoneNumberId) return null;
  return {
    apiKey: openFrom(KEY, accountId, row.apiKey, row.apiKeyKeyId)!,
    assistantId: row.callsAssistantId,
    phoneNumberId: row.callsPhoneNumberId,
  };
}

/** GET /api/settings/vapi (admin). */
export async function readVapiStatus(deps: Pick<Deps, "db" | "config">, principal: Principal): Promise<VapiStatus> {
  assertScope(principal, "admin");
  return statusOf(deps, await rowOf(deps.db, principal.accountId));
}

/** PUT /api/settings/vapi (admin): store or change; audited without the key or the secret. */
export async function setVapiSettings(deps: Pick<Deps, "db" | "config">, principal: Principal, raw: unknown): Promise<VapiStatus> {
  assertScope(principal, "admin");
  const input = parseOrThrow(vapiSettingsInput, raw);
  const accountId = principal.accountId;
  return deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(vapiCredentials).where(eq(vapiCredentials.accountId, accountId)).limit(1).for("update");
    const key = input.apiKey
      ? { ...sealFor(KEY, accountId, input.apiKey), last4: input.apiKey.slice(-4) }
      : { value: current?.apiKey ?? null, keyId: current?.apiKeyKeyId ?? null, last4: current?.apiKeyLast4 ?? null };
    const sec =
      input.serverSecret === null
        ? { value: null, keyId: null, last4: null }
        : input.serverSecret
          ? { ...sealFor(SECRET, accountId, input.serverSecret), last4: input.serverSecret.slice(-4) }
          : { value: current?.serverSecret ?? null, keyId: current?.serverSecretKeyId ?? null, last4: current?.serverSecretLast4 ?? null };
    const keep = <K extends keyof Row>(k: K, given: Row[K] | undefined, fallback: Row[K]): Row[K] =>
      given === undefined ? (current ? current[k] : fallback) : given;
    const next = {
      apiKey: key.value,
      apiKeyKeyId: key.keyId,
      apiKeyLast4: key.last4,
      serverSecret: sec.value,
      serverSecretKeyId: sec.keyId,
      serverSecretLast4: sec.last4,
      waitSeconds: keep("waitSeconds", input.waitSeconds, null),
      placeCalls: keep("placeCalls", input.placeCalls, false),
      callsAssistantId: keep("callsAssistantId", input.callsAssistantId, null),
      callsPhoneNumberId: keep("callsPhoneNumberId", input.callsPhoneNumberId, null),
      updatedAt: new Date(),
    };
    if (next.placeCalls && (!next.apiKey || !next.callsAssistantId || !next.callsPhoneNumberId))
      throw new AppError(
        "validation_failed",
        "placeCalls: needs apiKey, callsAssistantId and callsPhoneNumberId (the Vapi key, assistant and number calls go out with)",
      );
    const [row] = await tx
      .insert(vapiCredentials)
      .values({ accountId, ...next })
      .onConflictDoUpdate({ target: vapiCredentials.accountId, set: next })
      .returning();
    await recordAudit(tx, {
      accountId,
      entityType: "account",
      entityId: accountId,
      action: "account.vapi_settings_set",
      ...actorOf(principal),
      data: {
        keyChanged: input.apiKey !== undefined,
        secretChanged: input.serverSecret !== undefined,
        waitSeconds: next.waitSeconds,
        placeCalls: next.placeCalls,
      },
    });
    return statusOf(deps, row);
  });
}

/** DELETE /api/settings/vapi (admin): forget the connection; tool requests are then authenticated by the API key alone. */
export async function deleteVapiSettings(deps: Pick<Deps, "db" | "config">, principal: Principal): Promise<VapiStatus> {
  assertScope(principal, "admin");
  return deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(vapiCredentials)
      .where(eq(vapiCredentials.accountId, principal.accountId))
      .returning({ accountId: vapiCredentials.accountId });
    if (gone.length)
      await recordAudit(tx, {
        accountId: principal.accountId,
        entityType: "account",
        entityId: principal.accountId,
        action: "account.vapi_settings_deleted",
        ...actorOf(principal),
      });
    return statusOf(deps);
  });
}
