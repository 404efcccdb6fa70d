import { integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type ChannelName = "console" | "slack" | "ntfy" | "sms";
export type LadderStep = { channel: ChannelName; afterSeconds: number };
export type OnCallHours = { timeZone: string; days: number[]; start: string; end: string };

export const channelSettings = pgTable("channel_settings", {
  accountId: uuid("account_id").primaryKey(),
  slackBotToken: text("slack_bot_token"),
  slackBotTokenKeyId: text("slack_bot_token_key_id"),
  slackSigningSecret: text("slack_signing_secret"),
  slackSigningSecretKeyId: text("slack_signing_secret_key_id"),
  slackChannelId: text("slack_channel_id"),
  slackTeamId: text("slack_team_id"),
  smsAccountSid: text("sms_account_sid"),
  smsAuthToken: text("sms_auth_token"),
  smsAuthTokenKeyId: text("sms_auth_token_key_id"),
  smsFromNumber: text("sms_from_number"),
  ladder: jsonb("ladder").$type<LadderStep[] | null>(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const channelPosts = pgTable("channel_posts", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  caseId: uuid("case_id").notNull(),
  channel: text("channel").$type<"slack" | "sms">().notNull(),
  recipient: text("recipient").notNull(),
  externalRef: text("external_ref"),
  shortCode: text("short_code"),
  shownStatus: text("shown_status").notNull().default("open"),
  createdAt: ts("created_at").notNull().defaultNow(),
});
export type ChannelPostRow = typeof channelPosts.$inferSelect;

export const caseLadderSteps = pgTable("case_ladder_steps", {
  caseId: uuid("case_id").notNull(),
  accountId: uuid("account_id").notNull(),
  step: integer("step").notNull(),
  channel: text("channel").$type<ChannelName>().notNull(),
  takenAt: ts("taken_at").notNull().defaultNow(),
  outcome: text("outcome").notNull(),
  detail: jsonb("detail").$type<Record<string, unknown> | null>(),
  // supabase/migrations/20261227010000_ladder_step_retries.sql: tries so far, and when a failed step is due again.
  attempts: smallint("attempts").notNull().default(1),
  retryAt: ts("retry_at"),
});
