import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/20261220000000_vapi.sql (re-exported by schema.ts).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const vapiCredentials = pgTable("vapi_credentials", {
  accountId: uuid("account_id").primaryKey(),
  apiKey: text("api_key"),
  apiKeyKeyId: text("api_key_key_id"),
  apiKeyLast4: text("api_key_last4"),
  serverSecret: text("server_secret"),
  serverSecretKeyId: text("server_secret_key_id"),
  serverSecretLast4: text("server_secret_last4"),
  waitSeconds: integer("wait_seconds"),
  placeCalls: boolean("place_calls").notNull().default(false),
  callsAssistantId: text("calls_assistant_id"),
  callsPhoneNumberId: text("calls_phone_number_id"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const vapiLiveCalls = pgTable(
  "vapi_live_calls",
  {
    accountId: uuid("account_id").notNull(),
    callId: text("call_id").notNull(),
    controlUrl: text("control_url"),
    endedAt: ts("ended_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.callId] })],
);

export const liveAnswerDeliveries = pgTable("live_answer_deliveries", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  caseId: uuid("case_id").notNull(),
  provider: text("provider").notNull(),
  providerCallId: text("provider_call_id").notNull(),
  status: text("status").$type<"pending" | "spoken" | "fallback">().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  lockedUntil: ts("locked_until"),
  lastError: text("last_error"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
