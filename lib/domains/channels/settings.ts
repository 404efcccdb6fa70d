import { z } from "zod";
import { channelSettings } from "@/lib/adapters/db/schema";
import { sealNullable } from "@/lib/adapters/db/sealed-columns";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { assertScope } from "@/lib/domains/auth/permissions";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { defaultLadder, ladderSchema } from "@/lib/domains/channels/ladder-steps";
import { ladderOf, readChannelRow, SLACK_SECRET, SLACK_TOKEN, slackTargetOf, SMS_TOKEN } from "@/lib/domains/channels/targets";

export { ladderOf, readChannelRow, slackTargetOf, smsTargetOf, type SlackTarget, type SmsTarget } from "@/lib/domains/channels/targets";
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
    // What "the default ladder" is on this instance (PAGE_AFTER_SECONDS, SMS_AFTER_SECONDS), for the editor to show.
    defaultLadder: defaultLadder(deps.config),
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
