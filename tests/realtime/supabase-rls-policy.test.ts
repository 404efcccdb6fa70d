/**
 * The RLS policy our migration installs on a Supabase database, exercised the way Realtime authorizes a
 * private join: as role `authenticated`, with the member's JWT claims and the topic set for the session,
 * Realtime selects from realtime.messages — a row visible means the join is allowed. The realtime and auth
 * schemas are recreated minimally (realtime.topic(), auth.jwt() read the same settings Supabase's do).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "@/lib/adapters/db/migrate";
import { createTestDatabase } from "@/tests/support/test-deps";

const file = fs.readdirSync(MIGRATIONS_DIR).find((f) => f.endsWith("_realtime_account_topics.sql"))!;

// Needs real PostgreSQL (roles, RLS, SET ROLE); PGlite runs the migration as the no-op it is there.
describe.skipIf(!process.env.DATABASE_URL)("Supabase realtime.messages policy", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    const sql = db.database.pg!;
    await sql.unsafe(`do $$ begin create role authenticated nologin; exception when duplicate_object then null; end $$;`);
    await sql.unsafe(`
      create schema realtime;
      create table realtime.messages (topic text not null, extension text not null, payload jsonb);
      alter table realtime.messages enable row level security;
      create function realtime.topic() returns text language sql stable as $f$ select current_setting('realtime.topic', true) $f$;
      create schema auth;
      create function auth.jwt() returns jsonb language sql stable as $f$ select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb $f$;
      grant usage on schema realtime, auth to authenticated;
      grant select on realtime.messages to authenticated;
      insert into realtime.messages values ('account:A', 'broadcast', '{}'), ('account:B', 'broadcast', '{}'), ('account:A', 'presence', '{}');
    `);
    await sql.unsafe(fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8"));
    await sql.unsafe(fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8")); // idempotent
  });
  afterAll(async () => db?.drop());

  /** Rows a token with these claims may read while joining `topic` (what Realtime checks). */
  const visible = async (claims: Record<string, unknown>, topic: string) =>
    db.database.pg!.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('realtime.topic', ${topic}, true)`;
      await tx.unsafe("set local role authenticated");
      const rows = await tx.unsafe<{ topic: string; extension: string }[]>("select topic, extension from realtime.messages");
      return rows.map((r) => `${r.topic}/${r.extension}`);
    });

  // Realtime's check is "can this session read a broadcast message while realtime.topic() is the joined topic";
  // the policy keys on realtime.topic(), so which rows exist only matters by extension.
  it("a member's token reads broadcasts on its own account topic only", async () => {
    const own = await visible({ role: "authenticated", account_id: "A" }, "account:A");
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.endsWith("/broadcast"))).toBe(true);
    expect(await visible({ role: "authenticated", account_id: "A" }, "account:B")).toEqual([]);
    expect(await visible({ role: "authenticated" }, "account:A")).toEqual([]);
  });

  it("creates exactly one policy, for select only", async () => {
    const policies = await db.database
      .pg!`select policyname, cmd from pg_policies where schemaname = 'realtime' and tablename = 'messages'`;
    expect(policies.map((p) => [p.policyname, p.cmd])).toEqual([["switchboard members receive their account topic", "SELECT"]]);
  });
});
