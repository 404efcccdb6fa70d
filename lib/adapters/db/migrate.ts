import fs from "node:fs";
import path from "node:path";
import type { Database } from "@/lib/adapters/db/client";

/** Where the Supabase CLI keeps migrations; `supabase db push` applies the same files. */
export const MIGRATIONS_DIR = path.join(process.cwd(), "supabase", "migrations");

const LOCK_ID = 724_311_905; // arbitrary, constant: serialises migrators across instances

/**
 * Applies every migration not yet recorded, in file-name order, each in its own transaction.
 * Safe to run from several instances at once (advisory lock). Returns the names applied.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  if (database.pg) {
    // Session-level advisory locks belong to one connection: keep the whole run on one.
    const conn = await database.pg.reserve();
    try {
      return await migrateWith(
        (text) => conn.unsafe(text).then(() => {}),
        async () => (await conn<{ name: string }[]>`select name from switchboard_migrations`).map((r) => r.name),
        dir,
      );
    } finally {
      conn.release();
    }
  }
  return migrateWith(database.exec, () => appliedNames(database), dir);
}

async function migrateWith(exec: (text: string) => Promise<void>, listApplied: () => Promise<string[]>, dir: string): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const applied: string[] = [];
  await exec(`select pg_advisory_lock(${LOCK_ID});`);
  try {
    await exec(`create table if not exists switchboard_migrations (name text primary key, applied_at timestamptz not null default now());`);
    const done = new Set(await listApplied());
    for (const file of files) {
      if (done.has(file)) continue;
      const body = fs.readFileSync(path.join(dir, file), "utf8");
      const name = file.replace(/'/g, "''");
      await exec(`begin;\n${body}\n;insert into switchboard_migrations (name) values ('${name}');\ncommit;`);
      applied.push(file);
    }
  } catch (e) {
    await exec("rollback;").catch(() => {});
    throw e;
  } finally {
    await exec(`select pg_advisory_unlock(${LOCK_ID});`);
  }
  return applied;
}

async function appliedNames(database: Database): Promise<string[]> {
  const { sql } = await import("drizzle-orm");
  const res = (await database.db.execute(sql`select name from switchboard_migrations`)) as unknown as {
    rows: { name: string }[];
  };
  return res.rows.map((r) => r.name);
}
