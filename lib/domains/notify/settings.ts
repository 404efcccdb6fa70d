import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Config } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { notifySettings } from "@/lib/adapters/db/schema";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { assertNtfyServerAllowed } from "@/lib/domains/notify/server-policy";
import { openFrom, sealNullable } from "@/lib/adapters/db/sealed-columns";

const SECRET = "notify_settings.access_token";

/** ntfy topic names: letters, digits, - and _, up to 64 (the server refuses others). */
export const topicSchema = z
  .string({ message: "must be a string" })
  .trim()
  .regex(/^[-_A-Za-z0-9]{1,64}$/, "must be 1–64 letters, digits, - or _ (an ntfy topic name)");

export const notifySettingsInput = z
  .object({
    serverUrl: z
      .string({ message: "must be a string" })
      .trim()
      .max(500, "must be at most 500 characters")
      .url("must be a URL such as https://ntfy.sh")
      .refine((v) => /^https?:\/\//i.test(v), "must start with http:// or https://")
      .nullable()
      .optional()
      .describe("The ntfy server; null = the default (NTFY_DEFAULT_SERVER_URL, https://ntfy.sh)."),
    defaultTopic: topicSchema.nullable().optional(),
    oncallTopic: topicSchema.nullable().optional(),
    accessToken: z
      .string({ message: "must be a string" })
      .trim()
      .min(8, "must be at least 8 characters")
      .max(200, "must be at most 200 characters")
      .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (an ntfy access token, tk_…)")
      .nullable()
      .optional()
      .describe("Write-only; null forgets it; left out keeps it."),
  })
  .strict();

/** What the API and admin page show: never the token, only whether one is set and its last 4 characters. */
export type NotifySettingsView = {
  serverUrl: string;
  serverUrlIsDefault: boolean;
  defaultTopic: string | null;
  oncallTopic: string | null;
  accessTokenSet: boolean;
  accessTokenLast4: string | null;
  updatedAt: string | null;
};

/** Server side only: where and how to publish for an account. */
export type NotifyTarget = { serverUrl: string; accessToken: string | null; defaultTopic: string | null; oncallTopic: string | null };

type Row = typeof notifySettings.$inferSelect;

const viewOf = (config: Config, row?: Row): NotifySettingsView => ({
  serverUrl: row?.serverUrl ?? config.NTFY_DEFAULT_SERVER_URL,
  serverUrlIsDefault: !row?.serverUrl,
  defaultTopic: row?.defaultTopic ?? null,
  oncallTopic: row?.oncallTopic ?? null,
  accessTokenSet: !!row?.accessToken,
  accessTokenLast4: row?.accessTokenLast4 ?? null,
  updatedAt: row?.updatedAt.toISOString() ?? null,
});

async function readRow(db: Db, accountId: string): Promise<Row | undefined> {
  const [row] = await db.select().from(notifySettings).where(eq(notifySettings.accountId, accountId)).limit(1);
  return row;
}

export async function getNotifyTarget(db: Db, config: Config, accountId: string): Promise<NotifyTarget> {
  const row = await readRow(db, accountId);
  return {
    serverUrl: row?.serverUrl ?? config.NTFY_DEFAULT_SERVER_URL,
    accessToken: row ? openFrom(SECRET, accountId, row.accessToken, row.accessTokenKeyId) : null,
    defaultTopic: row?.defaultTopic ?? null,
    oncallTopic: row?.oncallTopic ?? null,
  };
}

/** GET /api/settings/notifications (admin). */
export async function readNotifySettings(deps: Pick<Deps, "db" | "config">, principal: Principal): Promise<NotifySettingsView> {
  assertScope(principal, "admin");
  return viewOf(deps.config, await readRow(deps.db, principal.accountId));
}

/** PUT /api/settings/notifications (admin): change what is given; audited without the token. */
export async function updateNotifySettings(
  deps: Pick<Deps, "db" | "config">,
  principal: Principal,
  raw: unknown,
): Promise<NotifySettingsView> {
  assertScope(principal, "admin");
  const input = parseOrThrow(notifySettingsInput, raw);
  if (input.serverUrl) await assertNtfyServerAllowed(deps.config, input.serverUrl);
  const set: Partial<Row> = { updatedAt: new Date() };
  if (input.serverUrl !== undefined) set.serverUrl = input.serverUrl?.replace(/\/+$/, "") ?? null;
  if (input.defaultTopic !== undefined) set.defaultTopic = input.defaultTopic;
  if (input.oncallTopic !== undefined) set.oncallTopic = input.oncallTopic;
  if (input.accessToken !== undefined) {
    const sealed = sealNullable(SECRET, principal.accountId, input.accessToken);
    set.accessToken = sealed.value;
    set.accessTokenKeyId = sealed.keyId;
    set.accessTokenLast4 = input.accessToken?.slice(-4) ?? null;
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notifySettings)
      .values({ accountId: principal.accountId, ...set })
      .onConflictDoUpdate({ target: notifySettings.accountId, set })
      .returning();
    const changed = Object.keys(set).filter((k) => k !== "updatedAt" && k !== "accessTokenLast4" && k !== "accessTokenKeyId");
    await recordAudit(tx, {
      accountId: principal.accountId,
      entityType: "account",
      entityId: principal.accountId,
      action: "account.notify_settings_set",
      ...actorOf(principal),
      data: { changed },
    });
    return viewOf(deps.config, row);
  });
}
