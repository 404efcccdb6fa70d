import fs from "node:fs";
import { getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "@/lib/adapters/db/client";
import { createTestDatabase } from "@/tests/support/test-deps";
import { migrate, MIGRATIONS_DIR } from "@/lib/adapters/db/migrate";
import * as schema from "@/lib/adapters/db/schema";

const migrationFiles = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith(".sql"))
  .sort();

/** A brand-new, NOT yet migrated database (PGlite in memory, or a new PostgreSQL database). */
const blankDatabase = () => createTestDatabase({ migrated: false });

const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));

describe("migrations", () => {
  let blank: Awaited<ReturnType<typeof blankDatabase>>;

  beforeAll(async () => {
    blank = await blankDatabase();
  });
  afterAll(async () => {
    await blank?.drop();
  });

  it("there is at least one migration file", () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
  });

  it("a fresh database starts with no application tables", async () => {
    const rows = await queryRows<{ n: number }>(
      blank.database.db,
      sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'cases'`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("applies every migration, in order, on a fresh database, and records them", async () => {
    const applied = await migrate(blank.database);
    expect(applied).toEqual(migrationFiles);
    const recorded = await queryRows<{ name: string }>(blank.database.db, sql`select name from switchboard_migrations order by name`);
    expect(recorded.map((r) => r.name)).toEqual(migrationFiles);
  });

  it("re-running migrate() applies nothing and leaves the record unchanged", async () => {
    expect(await migrate(blank.database)).toEqual([]);
    expect(await migrate(blank.database)).toEqual([]);
    const recorded = await queryRows<{ n: number }>(blank.database.db, sql`select count(*)::int as n from switchboard_migrations`);
    expect(Number(recorded[0]!.n)).toBe(migrationFiles.length);
  });

  it("every column declared in lib/adapters/db/schema.ts exists in the migrated database", async () => {
    expect(tables.map((t) => getTableName(t)).sort()).toEqual([
      "accounts",
      "api_keys",
      "audit_log",
      "call_events",
      "call_preferences",
      "call_sync_failures",
      "calls",
      "canned_replies",
      "case_ladder_steps",
      "case_messages",
      "cases",
      "channel_posts",
      "channel_settings",
      "chronogolf_tokens",
      "credit_accounts",
      "credit_ledger",
      "dead_letters",
      "golf_courses",
      "golf_reservations",
      "golf_settings",
      "golf_tee_times",
      "instance_secrets",
      "job_checkpoints",
      "live_answer_deliveries",
      "member_sessions",
      "members",
      "memory_answer_embeddings",
      "memory_answers",
      "memory_settings",
      "notification_attempts",
      "notifications",
      "notify_settings",
      "oauth_clients",
      "oauth_codes",
      "oauth_grants",
      "oauth_tokens",
      "phone_followups",
      "retell_credentials",
      "setup_tokens",
      "sheets_outbox",
      "sheets_requests",
      "sheets_rows",
      "sheets_state",
      "sheets_tabs",
      "vapi_credentials",
      "vapi_live_calls",
      "webhook_attempts",
      "webhook_deliveries",
    ]);
    const rows = await queryRows<{ table_name: string; column_name: string }>(
      blank.database.db,
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    );
    const existing = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const declared = tables.flatMap((t) => Object.values(getTableColumns(t)).map((c) => `${getTableName(t)}.${c.name}`));
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.filter((c) => !existing.has(c))).toEqual([]);
  });

  // Concurrent migrators need a server database (CI sets DATABASE_URL); in-memory PGlite is one process.
  it.skipIf(!process.env.DATABASE_URL)(
    "two instances migrating the same fresh PostgreSQL database at once apply each file exactly once",
    async () => {
      const fresh = await blankDatabase();
      const other = await openDatabase({ url: fresh.url! });
      try {
        const [a, b] = await Promise.all([migrate(fresh.database), migrate(other)]);
        expect([...a, ...b].sort()).toEqual(migrationFiles);
        const recorded = await queryRows<{ n: number }>(fresh.database.db, sql`select count(*)::int as n from switchboard_migrations`);
        expect(Number(recorded[0]!.n)).toBe(migrationFiles.length);
      } finally {
        await other.close();
        await fresh.drop();
      }
    },
  );
});
