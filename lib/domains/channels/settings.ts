import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/adapters/db/client";
import { channelSettings, type LadderStep } from "@/lib/adapters/db/schema";
import { openFrom, sealNullable } from "@/lib/adapters/db/sealed-columns";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { defaultLadder, ladderSchema } from "@/lib/domains/channels/ladder-steps";
import { slackClient } from "@/lib/domains/channels/slack/client";
import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";
import { publicBaseUrl } from "@/lib/platform/public-base-url";
import { parseOrThrow } from "@/lib/platform/validation/parse";

const secret = (what: string, re: RegExp) =>
  z.string({ message: "must be a string" }).trim().regex(re, `must be ${what}`).nullable().optional().describe("Write-only.");

export const channelSettingsInput = z
  .object({
    slack: z
      .object({
        botToken: secret("a Slack bot token (xoxb-…)", /^xoxb-[\x21-\x7e]{8,250}$/),
        signingSecret: secret("the app's signing secret (hex)", /^[0-9a-f]{16,128}$/i),
        channelId: z
          .string()
          .trim()
          .regex(/^[CG][A-Z0-9]{2,30}$/, "must be a Slack channel id such as C0123ABCD")
          .nullable()
          .optional(),
      })
      .strict()
      .optional(),
    sms: z
      .object({
        accountSid: z
          .string()
          .trim()
          .regex(/^AC[0-9a-f]{32}$/i, "must be a Twilio Account SID (AC…)")
          .nullable()
          .optional(),
        authToken: secret("a Twilio auth token", /^[0-9a-zA-Z]{16,64}$/),
        fromNumber: z
          .string()
          .trim()
          .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +15551234567")
          .nullable()
          .optional(),
      })
      .strict()
      .optional(),
    ladder: ladderSchema.nullable().optional().describe("null: the default ladder."),
  })
  .strict();

type Row = typeof channelSettings.$inferSelect;
const SLACK_TOKEN = "channel_settings.slack_bot_token";
const SLACK_SECRET = "channel_settings.slack_signing_secret";
const SMS_TOKEN = "channel_settings.sms_auth_token";

export async function readChannelRow(db: Db, accountId: string): Promise<Row | undefined> {
  const [row] = await db.select().from(channelSettings).where(eq(channelSettings.accountId, accountId)).limit(1);
  return row;
}

export type SlackTarget = { botToken: string; signingSecret: string; channelId: string; teamId: string | null };
export type SmsTarget = { accountSid: string; authToken: string; fromNumber: string };

/** Server side only: the account's Slack app, when fully connected. */
export function slackTargetOf(row: Row | undefined): SlackTarget | null {
  if (!row?.slackBotToken || !row.slackSigningSecret || !row.slackChannelId) return null;
  return {
    botToken: openFrom(SLACK_TOKEN, row.accountId, row.slackBotToken, row.slackBotTokenKeyId)!,
    signingSecret: openFrom(SLACK_SECRET, row.accountId, row.slackSigningSecret, row.slackSigningSecretKeyId)!,
    channelId: row.slackChannelId,
    teamId: row.slackTeamId,
  };
}

/** Server side only: the account's Twilio sender, when fully connected. */
export function smsTargetOf(row: Row | undefined): SmsTarget | null {
  if (!row?.smsAccountSid || !row.smsAuthToken || !row.smsFromNumber) return null;
  return {
    accountSid: row.smsAccountSid,
    authToken: openFrom(SMS_TOKEN, row.accountId, row.smsAuthToken, row.smsAuthTokenKeyId)!,
    fromNumber: row.smsFromNumber,
  };
}

export function ladderOf(deps: Pick<Deps, "config">, row: Row | undefined): LadderStep[] {
  return row?.ladder ?? defaultLadder(deps.config);
}

const viewOf = (deps: Pick<Deps, "config">, accountId: string, row?: Row) => {
  const base = publicBaseUrl(deps.config);
  return {
    slack: {
      connected: !!slackTargetOf(row),
      channelId: row?.slackChannelId ?? null,
      teamId: row?.slackTeamId ?? null,
      botTokenSet: !!row?.slackBotToken,
      signingSecretSet: !!row?.slackSigningSecret,
      interactivityUrl: `${base}/api/channels/slack/${accountId}/interactivity`,
    },
    sms: {
      connected: !!row?.smsAccountSid && !!row.smsAuthToken && !!row.smsFromNumber,
      accountSid: row?.smsAccountSid ?? null,
      fromNumber: row?.smsFromNumber ?? null,
      authTokenSet: !!row?.smsAuthToken,
      inboundUrl: `${base}/api/channels/sms/${accountId}/inbound`,
    },
    ladder: ladderOf(deps, row),
    ladderIsDefault: !row?.ladder,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
};
export type ChannelSettingsView = ReturnType<typeof viewOf>;

/** GET /api/settings/channels (admin): never a token or secret, only whether each is set. */
export async function readChannelSettings(deps: Pick<Deps, "db" | "config">, principal: Principal): Promise<ChannelSettingsView> {
  assertScope(principal, "admin");
  return viewOf(deps, principal.accountId, await readChannelRow(deps.db, principal.accountId));
}

/**
 * PUT /api/settings/channels (admin): change what is given; a new bot token is checked with Slack's auth.test
 * (which also names the workspace) before it is stored. Audited without the secrets.
 */
export async function updateChannelSettings(deps: Deps, principal: Principal, raw: unknown): Promise<ChannelSettingsView> {
  assertScope(principal, "admin");
  const input = parseOrThrow(channelSettingsInput, raw);
  const accountId = principal.accountId;
  const set: Partial<Row> = { updatedAt: new Date() };
  const { slack, sms } = input;
  if (slack?.botToken) {
    const auth = await (await slackClient(deps.config, slack.botToken)).auth.test().catch(() => null);
    if (!auth?.ok) throw new AppError("validation_failed", "slack.botToken: Slack did not accept this token (auth.test failed).");
    set.slackTeamId = auth.team_id ?? null;
  }
  if (slack?.botToken !== undefined) {
    const s = sealNullable(SLACK_TOKEN, accountId, slack.botToken);
    Object.assign(set, { slackBotToken: s.value, slackBotTokenKeyId: s.keyId });
    if (slack.botToken === null) set.slackTeamId = null;
  }
  if (slack?.signingSecret !== undefined) {
    const s = sealNullable(SLACK_SECRET, accountId, slack.signingSecret);
    Object.assign(set, { slackSigningSecret: s.value, slackSigningSecretKeyId: s.keyId });
  }
  if (slack?.channelId !== undefined) set.slackChannelId = slack.channelId;
  if (sms?.accountSid !== undefined) set.smsAccountSid = sms.accountSid;
  if (sms?.fromNumber !== undefined) set.smsFromNumber = sms.fromNumber;
  if (sms?.authToken !== undefined) {
    const s = sealNullable(SMS_TOKEN, accountId, sms.authToken);
    Object.assign(set, { smsAuthToken: s.value, smsAuthTokenKeyId: s.keyId });
  }
  if (input.ladder !== undefined) set.ladder = input.ladder;
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(channelSettings)
      .values({ accountId, ...set })
      .onConflictDoUpdate({ target: channelSettings.accountId, set })
      .returning();
    const changed = Object.keys(set).filter((k) => k !== "updatedAt" && !k.endsWith("KeyId"));
    await recordAudit(tx, {
      accountId,
      entityType: "account",
      entityId: accountId,
      action: "account.channel_settings_set",
      ...actorOf(principal),
      data: { changed },
    });
    return viewOf(deps, accountId, row);
  });
}
