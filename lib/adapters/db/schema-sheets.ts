import { bigint, bigserial, boolean, doublePrecision, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Typed mirror of supabase/migrations/20261203000000_sheets_outbox.sql (re-exported by schema.ts).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type SheetsEntity = "call" | "case";

export const sheetsOutbox = pgTable("sheets_outbox", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  entityType: text("entity_type").$type<SheetsEntity>().notNull(),
  entityId: uuid("entity_id").notNull(),
  accountId: uuid("account_id").notNull(),
  priority: smallint("priority").notNull().default(1),
  event: text("event"),
  occurredAt: ts("occurred_at").notNull().defaultNow(),
});

export const sheetsRows = pgTable("sheets_rows", {
  entityType: text("entity_type").$type<SheetsEntity>().notNull(),
  entityId: uuid("entity_id").notNull(),
  accountId: uuid("account_id").notNull(),
  rowNumber: integer("row_number").notNull(),
  history: text("history").notNull().default(""),
  writtenAt: ts("written_at"),
});

export const sheetsTabs = pgTable("sheets_tabs", {
  entityType: text("entity_type").$type<SheetsEntity>().primaryKey(),
  nextRow: integer("next_row").notNull().default(2),
  headerWritten: boolean("header_written").notNull().default(false),
  sheetId: integer("sheet_id"),
  gridRows: integer("grid_rows"),
});

export const sheetsState = pgTable("sheets_state", {
  id: smallint("id").primaryKey().default(1),
  spreadsheetId: text("spreadsheet_id"),
  leaseHolder: text("lease_holder"),
  leaseExpiresAt: ts("lease_expires_at"),
  bucketTokens: doublePrecision("bucket_tokens"),
  bucketAtMs: bigint("bucket_at_ms", { mode: "number" }),
  breakerState: text("breaker_state").$type<"closed" | "open" | "half-open">().notNull().default("closed"),
  breakerSnapshot: jsonb("breaker_snapshot"),
  breakerChangedAt: ts("breaker_changed_at"),
  rowsWritten: bigint("rows_written", { mode: "number" }).notNull().default(0),
  requestsTotal: bigint("requests_total", { mode: "number" }).notNull().default(0),
  lastError: text("last_error"),
  lastErrorAt: ts("last_error_at"),
  lastSuccessAt: ts("last_success_at"),
  clearPending: boolean("clear_pending").notNull().default(false),
  rebuildTotal: integer("rebuild_total"),
  rebuildStartedAt: ts("rebuild_started_at"),
  rebuildFinishedAt: ts("rebuild_finished_at"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const sheetsRequests = pgTable("sheets_requests", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: ts("at").notNull(),
  kind: text("kind").notNull(),
  status: integer("status"),
  ok: boolean("ok").notNull(),
  rows: integer("rows").notNull().default(0),
});
