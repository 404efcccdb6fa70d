import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { parseConfig, type Config } from "@/lib/platform/config/env";
import { openDatabase, type Database } from "@/lib/adapters/db/client";
import { migrate } from "@/lib/adapters/db/migrate";
import { depsFrom, type Deps } from "@/lib/composition/deps";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createPostgresBus } from "@/lib/adapters/events/postgres";
import { createRedisBus } from "@/lib/adapters/events/redis";
import type { EventBus } from "@/lib/adapters/events/port";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { createRedisKv } from "@/lib/adapters/kv/redis";
import type { Kv } from "@/lib/adapters/kv/port";

/**
 * A fresh database for one test file, migrated unless `migrated: false`: PGlite in memory by default;
 * with DATABASE_URL set, a new PostgreSQL database created for this run and dropped afterwards (never
 * the one named).
 */
export async function createTestDatabase(
  opts: { migrated?: boolean } = {},
): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  const migrated = opts.migrated ?? true;
  const base = process.env.DATABASE_URL;
  if (!base) {
    const database = await openDatabase({});
    if (migrated) await migrate(database);
    return { database, drop: () => database.close() };
  }
  const name = `sb_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: 20 });
  if (migrated) await migrate(database);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type TestDeps = Deps & { database: Database; close: () => Promise<void> };

/**
 * Deps for integration tests: real database (see above), real Redis for kv and events when
 * REDIS_URL is set (keys under a unique prefix), otherwise the in-process adapters.
 */
export async function createTestDeps(env: Record<string, string> = {}): Promise<TestDeps> {
  const { database, drop } = await createTestDatabase();
  const prefix = `sbtest:${randomBytes(4).toString("hex")}:`;
  const config: Config = parseConfig({ LOG_LEVEL: "silent", KV_PREFIX: prefix, ...env });
  const redisUrl = process.env.REDIS_URL;
  const kv: Kv = redisUrl ? createRedisKv(redisUrl, { keyPrefix: prefix }) : createMemoryKv();
  const bus: EventBus = redisUrl
    ? createRedisBus(redisUrl, { prefix })
    : database.pg
      ? createPostgresBus(database.pg, { prefix: prefix.replace(/:/g, "_") })
      : createMemoryBus();
  return Object.assign(depsFrom({ db: database.db, kv, bus, config }), {
    database,
    close: async () => {
      await bus.close();
      await kv.close();
      await drop();
    },
  });
}
