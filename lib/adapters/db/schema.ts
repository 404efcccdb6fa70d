import { bigint, boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/*.sql (the SQL is the source of truth; tests/db/schema.test.ts
// checks that every column declared here exists in the migrated database).
// Longer than our ~250-line guide on purpose: it is declarations only, one table after another, in the
// order of the migrations; newer domains (golf, sheets) keep theirs in schema-<domain>.ts.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  webhookSecret: text("webhook_secret").notNull(),
  // Sealed secrets (lib/platform/secrets): the key each was encrypted with (migration 20261214010000_secrets_at_rest.sql).
  webhookSecretKeyId: text("webhook_secret_key_id"),
  /** Late-answer callbacks for cases asked by keys without calls:write (an admin turns this on). */
  askKeyCallbacksEnabled: boolean("ask_key_callbacks_enabled").notNull().default(false),
  /** E.164 prefixes such callbacks may dial, e.g. {+1415,+44}; empty = none. */
  callbackNumberPrefixes: text("callback_number_prefixes").array().notNull().default([]),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const members = pgTable("members", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  email: text("email").notNull(),
  name: text("name").notNull().default(""),
  passwordHash: text("password_hash").notNull(),
  role: text("role").$type<"operator" | "admin">().notNull(),
  active: boolean("active").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastLoginAt: ts("last_login_at"),
  /** Channels (migration 20261222000000_channels): the linked Slack user, the SMS number, on-call hours. */
  slackUserId: text("slack_user_id"),
  phone: text("phone"),
  onCall: jsonb("on_call").$type<OnCallHours | null>(),
});

export const memberSessions = pgTable("member_sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  memberId: uuid("member_id").notNull(),
  tokenHash: text("token_hash").notNull(),
  expiresAt: ts("expires_at").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  secretHash: text("secret_hash").notNull(),
  scopes: text("scopes").array().notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
});

export type CaseStatus = "open" | "claimed" | "answered" | "expired" | "cancelled";
export type Urgency = "low" | "medium" | "high";
export type HistoryEntry = { role: string; content: string };

export const cases = pgTable("cases", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  status: text("status").$type<CaseStatus>().notNull().default("open"),
  question: text("question").notNull(),
  context: text("context"),
  sessionId: text("session_id"),
  callId: text("call_id"),
  agentId: text("agent_id"),
  callerInfo: jsonb("caller_info").$type<Record<string, unknown>>(),
  priority: smallint("priority").notNull().default(3),
  urgency: text("urgency").$type<Urgency>().notNull().default("medium"),
  conversationHistory: jsonb("conversation_history").$type<HistoryEntry[]>().notNull().default([]),
  timeoutSeconds: smallint("timeout_seconds").notNull().default(45),
  waitDeadlineAt: ts("wait_deadline_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
  idempotencyKey: text("idempotency_key"),
  dedupeHash: text("dedupe_hash"),
  callbackUrl: text("callback_url"),
  answer: text("answer"),
  source: text("source").$type<"mcp" | "api" | "retell" | "test" | "vapi">().notNull().default("api"),
  createdByKeyId: uuid("created_by_key_id"),
  claimedByMemberId: uuid("claimed_by_member_id"),
  claimedByKeyId: uuid("claimed_by_key_id"),
  claimedAt: ts("claimed_at"),
  answeredByMemberId: uuid("answered_by_member_id"),
  answeredByKeyId: uuid("answered_by_key_id"),
  answeredAt: ts("answered_at"),
  closedAt: ts("closed_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  // How the ask_human wait ended (admin migration 20261121030000_admin.sql); null when no agent waited.
  waitOutcome: text("wait_outcome").$type<"answered" | "pending" | "unavailable" | "cancelled" | "disconnected">(),
  // (migration 20261121020000_calls): late answer → callback phone call
  followUp: text("follow_up").$type<"phone">(),
  agentReleasedAt: ts("agent_released_at"),
  followUpCallId: uuid("follow_up_call_id"),
  /** Why no callback call will be placed although the case asked for one (set at creation). */
  followUpRefused: text("follow_up_refused"),
  /** When the on-call topic was paged about this case (once at most; migration 20261205000000_notifications). */
  pagedAt: ts("paged_at"),
  /** The saved answer that answered this case without a person (migration 20261217000000_answer_memory). */
  memoryAnswerId: uuid("memory_answer_id"),
  /** The answers offered to the person, 2–6 short strings, or null (migration 20261223000000_case_choices). */
  choices: jsonb("choices").$type<string[]>(),
  /** Only one of the choices answers the case; free text alone is refused. */
  choicesOnly: boolean("choices_only").notNull().default(false),
  /** The choice the answer picked (exactly as offered), or null. */
  choice: text("choice"),
  /** The channel that claimed / answered it, when not the console or the API (migration 20261222000000_channels). */
  claimedVia: text("claimed_via").$type<"slack" | "sms">(),
  answeredVia: text("answered_via").$type<"slack" | "sms">(),
  /** How a late answer reached the caller: spoken into the live call, or a callback call (migration 20261220000000_vapi). */
  lateAnswerDelivery: text("late_answer_delivery").$type<"live" | "callback">(),
  lateAnswerDeliveredAt: ts("late_answer_delivered_at"),
});

export type SenderType = "agent" | "human" | "system";

export const caseMessages = pgTable("case_messages", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  caseId: uuid("case_id").notNull(),
  accountId: uuid("account_id").notNull(),
  senderType: text("sender_type").$type<SenderType>().notNull(),
  senderMemberId: uuid("sender_member_id"),
  senderKeyId: uuid("sender_key_id"),
  content: text("content").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const auditLog = pgTable("audit_log", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: uuid("account_id").notNull(),
  entityType: text("entity_type").notNull(),
  entityId: text("entity_id").notNull(),
  action: text("action").notNull(),
  fromStatus: text("from_status"),
  toStatus: text("to_status"),
  actorType: text("actor_type").$type<"member" | "api_key" | "system">().notNull(),
  actorId: text("actor_id"),
  data: jsonb("data").$type<Record<string, unknown>>(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  caseId: uuid("case_id"),
  url: text("url").notNull(),
  event: text("event").notNull(),
  body: text("body").notNull(),
  status: text("status").$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  lockedUntil: ts("locked_until"),
  lastStatusCode: integer("last_status_code"),
  lastError: text("last_error"),
  createdAt: ts("created_at").notNull().defaultNow(),
  deliveredAt: ts("delivered_at"),
});

export const webhookAttempts = pgTable("webhook_attempts", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  deliveryId: uuid("delivery_id").notNull(),
  attempt: integer("attempt").notNull(),
  statusCode: integer("status_code"),
  error: text("error"),
  durationMs: integer("duration_ms").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export type CaseRow = typeof cases.$inferSelect;
export type MessageRow = typeof caseMessages.$inferSelect;
export type MemberRow = typeof members.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

// --- calls and credits (migration 20261121020000_calls) ---

export type CallStatusValue = "queued" | "ringing" | "in_progress" | "completed" | "no_answer" | "busy" | "failed" | "canceled";
export type TranscriptTurnValue = { speaker: "agent" | "caller"; text: string; atSeconds: number };
export type ActorType = "member" | "api_key" | "system";

export const creditAccounts = pgTable("credit_accounts", {
  accountId: uuid("account_id").primaryKey(),
  balance: bigint("balance", { mode: "number" }).notNull().default(0),
  held: bigint("held", { mode: "number" }).notNull().default(0),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const calls = pgTable("calls", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  provider: text("provider").notNull(),
  providerCallId: text("provider_call_id"),
  /** Null only for a Retell web call (no phone line at all). */
  phoneNumber: text("phone_number"),
  task: text("task").notNull(),
  firstSentence: text("first_sentence"),
  voice: text("voice").notNull(),
  model: text("model").notNull(),
  language: text("language"),
  maxDurationMinutes: integer("max_duration_minutes").notNull(),
  record: boolean("record").notNull().default(false),
  status: text("status").$type<CallStatusValue>().notNull().default("queued"),
  endReason: text("end_reason"),
  error: text("error"),
  startedAt: ts("started_at"),
  answeredAt: ts("answered_at"),
  endedAt: ts("ended_at"),
  durationSeconds: integer("duration_seconds"),
  holdAmount: bigint("hold_amount", { mode: "number" }).notNull().default(0),
  cost: bigint("cost", { mode: "number" }),
  ratePerMinute: bigint("rate_per_minute", { mode: "number" }).notNull(),
  summary: text("summary"),
  transcript: jsonb("transcript").$type<TranscriptTurnValue[]>().notNull().default([]),
  recordingAvailable: boolean("recording_available").notNull().default(false),
  caseId: uuid("case_id"),
  metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
  createdByType: text("created_by_type").$type<ActorType>(),
  createdById: text("created_by_id"),
  lastSyncedAt: ts("last_synced_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  // What Retell's call webhooks say (migration 20261204000000_retell_calls.sql); null for other providers.
  direction: text("direction").$type<"inbound" | "outbound">(),
  fromNumber: text("from_number"),
  toNumber: text("to_number"),
  agentId: text("agent_id"),
  recordingUrl: text("recording_url"),
  callAnalysis: jsonb("call_analysis").$type<Record<string, unknown>>(),
});

export const callEvents = pgTable("call_events", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  callId: uuid("call_id").notNull(),
  accountId: uuid("account_id").notNull(),
  provider: text("provider").notNull(),
  providerEventId: text("provider_event_id"),
  kind: text("kind").notNull(),
  status: text("status"),
  data: jsonb("data").$type<Record<string, unknown>>(),
  occurredAt: ts("occurred_at").notNull().defaultNow(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const callPreferences = pgTable("call_preferences", {
  accountId: uuid("account_id").primaryKey(),
  voice: text("voice"),
  model: text("model"),
  firstSentence: text("first_sentence"),
  language: text("language"),
  maxDurationMinutes: integer("max_duration_minutes"),
  record: boolean("record"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  updatedByType: text("updated_by_type"),
  updatedById: text("updated_by_id"),
});

export type LedgerKind = "grant" | "hold" | "settle" | "release" | "adjust";

export const creditLedger = pgTable("credit_ledger", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: uuid("account_id").notNull(),
  kind: text("kind").$type<LedgerKind>().notNull(),
  amount: bigint("amount", { mode: "number" }).notNull().default(0),
  heldDelta: bigint("held_delta", { mode: "number" }).notNull().default(0),
  balanceAfter: bigint("balance_after", { mode: "number" }).notNull(),
  heldAfter: bigint("held_after", { mode: "number" }).notNull(),
  callId: uuid("call_id"),
  actorType: text("actor_type").$type<ActorType>().notNull(),
  actorId: text("actor_id"),
  reason: text("reason"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const deadLetters = pgTable("dead_letters", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").notNull(),
  ref: text("ref").notNull(),
  accountId: uuid("account_id"),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  status: text("status").$type<"open" | "retried" | "resolved">().notNull().default("open"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  retriedAt: ts("retried_at"),
});

export const phoneFollowups = pgTable("phone_followups", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  caseId: uuid("case_id").notNull(),
  phoneNumber: text("phone_number").notNull(),
  message: text("message").notNull(),
  status: text("status").$type<"pending" | "placed" | "failed">().notNull().default("pending"),
  callId: uuid("call_id"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  lockedUntil: ts("locked_until"),
  lastError: text("last_error"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type CallRow = typeof calls.$inferSelect;
export type CallEventRow = typeof callEvents.$inferSelect;
export type LedgerRow = typeof creditLedger.$inferSelect;
export type DeadLetterRow = typeof deadLetters.$inferSelect;

// --- call-status sync: the reconciliation job's checkpoints and failures ---

export const jobCheckpoints = pgTable("job_checkpoints", {
  job: text("job").primaryKey(),
  leaseHolder: text("lease_holder"),
  leaseExpiresAt: ts("lease_expires_at"),
  runId: text("run_id"),
  runStartedAt: ts("run_started_at"),
  cursorCreatedAt: ts("cursor_created_at"),
  cursorId: uuid("cursor_id"),
  processed: integer("processed").notNull().default(0),
  lastFinishedAt: ts("last_finished_at"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const callSyncFailures = pgTable("call_sync_failures", {
  callId: uuid("call_id").primaryKey(),
  failures: integer("failures").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  lastError: text("last_error"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
// --- canned replies (console) ---
export const cannedReplies = pgTable("canned_replies", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  shortcut: text("shortcut").notNull(),
  title: text("title").notNull().default(""),
  body: text("body").notNull(),
  createdByMemberId: uuid("created_by_member_id"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
export type CannedReplyRow = typeof cannedReplies.$inferSelect;

export const instanceSecrets = pgTable("instance_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  valueKeyId: text("value_key_id"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// --- First run: one-time setup tokens (migration 20261207000000_first_run.sql) ---
export const setupTokens = pgTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  expiresAt: ts("expires_at").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// --- Retell: the account's Retell API key, write-only through the API ---
export const retellCredentials = pgTable("retell_credentials", {
  accountId: uuid("account_id").primaryKey(),
  apiKey: text("api_key").notNull(),
  apiKeyKeyId: text("api_key_key_id"),
  apiKeyLast4: text("api_key_last4").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  // Calls through the account's Retell agent (migration 20261204010000_retell_telephony.sql).
  placeCalls: boolean("place_calls").notNull().default(false),
  callsAgentId: text("calls_agent_id"),
  callsFromNumber: text("calls_from_number"),
});

// The Google Sheets log tables live in their own file.
export * from "@/lib/adapters/db/schema-sheets";

// --- push notifications and paging (migration 20261205000000_notifications) ---

export const notifySettings = pgTable("notify_settings", {
  accountId: uuid("account_id").primaryKey(),
  serverUrl: text("server_url"),
  defaultTopic: text("default_topic"),
  oncallTopic: text("oncall_topic"),
  accessToken: text("access_token"),
  accessTokenKeyId: text("access_token_key_id"),
  accessTokenLast4: text("access_token_last4"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type NotificationPayload = { message: string; title?: string; priority?: number; tags?: string[]; click?: string };

export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  kind: text("kind").$type<"tool" | "page" | "test">().notNull(),
  caseId: uuid("case_id"),
  serverUrl: text("server_url").notNull(),
  topic: text("topic").notNull(),
  payload: jsonb("payload").$type<NotificationPayload>().notNull(),
  status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  lockedUntil: ts("locked_until"),
  lastStatusCode: integer("last_status_code"),
  lastError: text("last_error"),
  ntfyMessageId: text("ntfy_message_id"),
  createdAt: ts("created_at").notNull().defaultNow(),
  sentAt: ts("sent_at"),
});
export type NotificationRow = typeof notifications.$inferSelect;

export const notificationAttempts = pgTable("notification_attempts", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  notificationId: uuid("notification_id").notNull(),
  attempt: integer("attempt").notNull(),
  statusCode: integer("status_code"),
  error: text("error"),
  durationMs: integer("duration_ms").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// Golf tee times (lib/domains/golf), kept in their own file.
export * from "@/lib/adapters/db/schema-golf";

export const oauthClients = pgTable("oauth_clients", {
  clientId: text("client_id").primaryKey(),
  kind: text("kind").notNull().$type<"dynamic" | "metadata_document">(),
  clientName: text("client_name"),
  clientUri: text("client_uri"),
  redirectUris: text("redirect_uris").array().notNull(),
  fetchedAt: ts("fetched_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const oauthGrants = pgTable("oauth_grants", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  memberId: uuid("member_id").notNull(),
  clientId: text("client_id").notNull(),
  scopes: text("scopes").array().notNull(),
  resource: text("resource").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
  revokedReason: text("revoked_reason"),
});

export const oauthCodes = pgTable("oauth_codes", {
  codeHash: text("code_hash").primaryKey(),
  accountId: uuid("account_id").notNull(),
  memberId: uuid("member_id").notNull(),
  clientId: text("client_id").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  codeChallenge: text("code_challenge").notNull(),
  scopes: text("scopes").array().notNull(),
  resource: text("resource").notNull(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  grantId: uuid("grant_id"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const oauthTokens = pgTable("oauth_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  grantId: uuid("grant_id").notNull(),
  kind: text("kind").notNull().$type<"access" | "refresh">(),
  expiresAt: ts("expires_at").notNull(),
  rotatedAt: ts("rotated_at"),
  revokedAt: ts("revoked_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export * from "@/lib/adapters/db/schema-memory";
export * from "@/lib/adapters/db/schema-channels";
import type { OnCallHours } from "@/lib/adapters/db/schema-channels";
export * from "@/lib/adapters/db/schema-vapi";
