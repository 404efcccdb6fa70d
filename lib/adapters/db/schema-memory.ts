import { boolean, customType, integer, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/20261217000000_answer_memory.sql (re-exported by schema.ts).
// search_vector (a generated tsvector) is left out on purpose: only SQL in lib/domains/memory reads it.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const memoryAnswers = pgTable("memory_answers", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id").notNull(),
  question: text("question").notNull(),
  answer: text("answer").notNull(),
  tags: text("tags").array().notNull().default([]),
  answeredByMemberId: uuid("answered_by_member_id"),
  answeredByName: text("answered_by_name").notNull().default(""),
  answeredAt: ts("answered_at").notNull().defaultNow(),
  sourceCaseId: uuid("source_case_id"),
  validUntil: ts("valid_until"),
  approvedForAuto: boolean("approved_for_auto").notNull().default(false),
  approvedAt: ts("approved_at"),
  approvedByMemberId: uuid("approved_by_member_id"),
  suggestedCount: integer("suggested_count").notNull().default(0),
  reusedCount: integer("reused_count").notNull().default(0),
  autoUsedCount: integer("auto_used_count").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
export type MemoryAnswerRow = typeof memoryAnswers.$inferSelect;

export const memorySettings = pgTable("memory_settings", {
  accountId: uuid("account_id").primaryKey(),
  /** null = the default: on once an admin has approved an entry. */
  autoAnswer: boolean("auto_answer"),
  /** null = MEMORY_DEFAULT_THRESHOLD. */
  threshold: real("threshold"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

const bytea = customType<{ data: Uint8Array }>({ dataType: () => "bytea" });

/** One vector per saved answer (migration 20261226000000_memory_embeddings): float32 little-endian, for `model`. */
export const memoryAnswerEmbeddings = pgTable("memory_answer_embeddings", {
  answerId: uuid("answer_id").primaryKey(),
  accountId: uuid("account_id").notNull(),
  model: text("model").notNull(),
  /** md5 of the question the vector was made from: a changed question is embedded again. */
  questionMd5: text("question_md5").notNull(),
  dims: integer("dims").notNull(),
  vector: bytea("vector").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});
