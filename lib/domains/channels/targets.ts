import { eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { channelSettings, type LadderStep } from "@/lib/adapters/db/schema";
import { openFrom } from "@/lib/adapters/db/sealed-columns";
import { defaultLadder } from "@/lib/domains/channels/ladder-steps";
import type { Deps } from "@/lib/platform/deps";

// What the hot paths (ask_human's reachability, the ladder) read of an account's channel settings: kept apart from
// the settings form's schema and the Slack client, so those paths load only this.
export type ChannelSettingsRow = typeof channelSettings.$inferSelect;
export const SLACK_TOKEN = "channel_settings.slack_bot_token";
export const SLACK_SECRET = "channel_settings.slack_signing_secret";
export const SMS_TOKEN = "channel_settings.sms_auth_token";

export async function readChannelRow(db: Db, accountId: string): Promise<ChannelSettingsRow | undefined> {
  const [row] = await db.select().from(channelSettings).where(eq(channelSettings.accountId, accountId)).limit(1);
  return row;
}

export type SlackTarget = { botToken: string; signingSecret: string; channelId: string; teamId: string | null };
export type SmsTarget = { accountSid: string; authToken: string; fromNumber: string };

/** Server side only: the account's Slack app, when fully connected. */
export function slackTargetOf(row: ChannelSettingsRow | undefined): SlackTarget | null {
  if (!row?.slackBotToken || !row.slackSigningSecret || !row.slackChannelId) return null;
  return {
    botToken: openFrom(SLACK_TOKEN, row.accountId, row.slackBotToken, row.slackBotTokenKeyId)!,
    signingSecret: openFrom(SLACK_SECRET, row.accountId, row.slackSigningSecret, row.slackSigningSecretKeyId)!,
    channelId: row.slackChannelId,
    teamId: row.slackTeamId,
  };
}

/** Server side only: the account's Twilio sender, when fully connected. */
export function smsTargetOf(row: ChannelSettingsRow | undefined): SmsTarget | null {
  if (!row?.smsAccountSid || !row.smsAuthToken || !row.smsFromNumber) return null;
  return {
    accountSid: row.smsAccountSid,
    authToken: openFrom(SMS_TOKEN, row.accountId, row.smsAuthToken, row.smsAuthTokenKeyId)!,
    fromNumber: row.smsFromNumber,
  };
}

export function ladderOf(deps: Pick<Deps, "config">, row: ChannelSettingsRow | undefined): LadderStep[] {
  return row?.ladder ?? defaultLadder(deps.config);
}
