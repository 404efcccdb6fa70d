import { bigint, boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/*.sql (the SQL is the source of truth; tests/db/schema.test.ts
// checks that every column declared here exists in the migrated database).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  webhookSecret: text("webhook_secret").notNull(),
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
  source: text("source").$type<"mcp" | "api">().notNull().default("api"),
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

// --- canned replies (issue 3, console) ---
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
