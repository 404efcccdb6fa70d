import fs from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import type { SQL } from "drizzle-orm";
import * as schema from "@/lib/adapters/db/schema";
import { getConfig } from "@/lib/platform/config/env";
import { migrate } from "@/lib/adapters/db/migrate";
import { acquireDataDirLock } from "@/lib/adapters/db/data-dir-lock";
import { lazy } from "@/lib/platform/lazy";
import type { Db } from "@/lib/adapters/db/port";

export type { Db } from "@/lib/adapters/db/port";

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** Runs a multi-statement SQL script (migrations). */
  exec(sqlText: string): Promise<void>;
  /** The postgres.js client, for LISTEN/NOTIFY; absent on PGlite. */
  pg?: postgres.Sql;
  close(): Promise<void>;
}

export type OpenOptions = {
  url?: string;
  dataDir?: string;
  pooler?: "session" | "transaction";
  poolMax?: number;
  connectTimeoutSeconds?: number;
};

// Each PostgreSQL Db's lane for the reads of waiting tool calls (see waitLane).
const lanes = new WeakMap<object, () => Db>();
const WAIT_LANE_CONNECTIONS = 2;
/** Whether `db` is on a PostgreSQL server, which other processes may share (withCrossProcessLock); PGlite is one process's own. Every PostgreSQL Db has a wait lane. */
export const isSharedDatabase = (db: Db) => lanes.has(db);

/**
 * Where a waiting tool call reads its case: on PostgreSQL a lane of WAIT_LANE_CONNECTIONS connections of its
 * own, opened on first use. A burst of answers fills the main pool with transactions; the waits' one-row
 * reads queued behind them would deliver every answer only once the whole burst had committed. On PGlite
 * (one in-process connection) and inside a transaction, the same Db.
 */
export function waitLane(db: Db): Db {
  return lanes.get(db)?.() ?? db;
}

/**
 * Opens a database without touching the process singleton (tests, CLI, benchmarks). Each driver is imported
 * here, when it is chosen: a PostgreSQL deployment never loads PGlite, nor the embedded default postgres.js.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([
      import("postgres"),
      import("drizzle-orm/postgres-js"),
    ]);
    const options = {
      // Supabase's transaction pooler (port 6543) cannot keep prepared statements.
      prepare: opts.pooler !== "transaction",
      onnotice: () => {},
      // An unreachable database should fail a request in seconds, not postgres.js's default 30.
      connect_timeout: opts.connectTimeoutSeconds ?? 3,
    };
    const sql = postgres(opts.url, { ...options, max: opts.poolMax ?? 10 });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    let lane: { sql: postgres.Sql; db: Db } | undefined;
    lanes.set(db, () => {
      if (!lane) {
        const laneSql = postgres(opts.url!, { ...options, max: WAIT_LANE_CONNECTIONS, idle_timeout: 60 });
        lane = { sql: laneSql, db: drizzlePostgres(laneSql, { schema }) as unknown as Db };
      }
      return lane.db;
    });
    return {
      db,
      driver: "postgres",
      pg: sql,
      exec: async (text) => {
        await sql.unsafe(text);
      },
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), lane?.sql.end({ timeout: 5 })]);
      },
    };
  }
  const dataDir = opts.dataDir ?? "memory://";
  let release = () => {};
  if (!dataDir.startsWith("memory://")) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  // pg_trgm: the answer-memory matcher (supabase/migrations/20261217000000_answer_memory.sql creates the extension).
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("drizzle-orm/pglite"),
  ]);
  const client = new PGlite(dataDir, { extensions: { pg_trgm } });
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: "pglite",
    exec: async (text) => {
      await client.exec(text);
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openProcessDatabase(): Promise<Database> {
  const c = getConfig();
  const database = await openDatabase({
    url: c.DATABASE_URL,
    dataDir: c.DATABASE_URL ? undefined : path.resolve(c.DATA_DIR, "pglite"),
    pooler: c.DATABASE_POOLER,
    poolMax: c.DATABASE_POOL_MAX,
    connectTimeoutSeconds: c.DATABASE_CONNECT_TIMEOUT_SECONDS,
  });
  await migrate(database);
  return database;
}

/** The process database, opened and migrated once (cached by lib/platform/lazy.ts); after a failed open the next call tries again. */
export function getDatabase(): Promise<Database> {
  return lazy("database", "", () => {
    const ready: Promise<Database> = openProcessDatabase().catch((e) => {
      lazy.forget("database", ready);
      throw e;
    });
    return ready;
  });
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Rows of a raw query, whichever driver ran it. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
