/**
 * Another app process searching tee times: its own database pool and its own process state (tokens, breakers),
 * on the database and Chronogolf server the test set up. Run by tests/golf/chronogolf-token-processes.test.ts:
 *
 *   tsx search-from-another-process.ts   env: TEST_DATABASE_URL, TEST_GOLFER_KEY, TEST_DATE, CHRONOGOLF_*
 *
 * Prints "ready", waits for a line on stdin, searches, prints one JSON line ({slots} or {error}) and exits.
 */
import readline from "node:readline";
import { openDatabase } from "@/lib/adapters/db/client";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { depsFrom } from "@/lib/composition/deps";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { searchTeeTimes } from "@/lib/domains/golf/search-tee-times";
import { parseConfig } from "@/lib/platform/config/env";

async function main() {
  const env = process.env;
  const database = await openDatabase({ url: env.TEST_DATABASE_URL!, poolMax: 4 });
  const config = parseConfig({
    LOG_LEVEL: "silent",
    OUTBOUND_ALLOW_LOOPBACK: "true",
    CHRONOGOLF_BASE_URL: env.CHRONOGOLF_BASE_URL!,
    CHRONOGOLF_CLIENT_ID: env.CHRONOGOLF_CLIENT_ID!,
    CHRONOGOLF_CLIENT_SECRET: env.CHRONOGOLF_CLIENT_SECRET!,
    CHRONOGOLF_REFRESH_TOKEN: env.CHRONOGOLF_REFRESH_TOKEN!,
  });
  const deps = depsFrom({ db: database.db, kv: createMemoryKv(), bus: createMemoryBus(), config });
  const golfer = await verifyApiKey(deps, env.TEST_GOLFER_KEY!);
  if (!golfer) throw new Error("the golfer key was not accepted");

  const rl = readline.createInterface({ input: process.stdin });
  console.log("ready");
  await new Promise<void>((resolve) => rl.once("line", () => resolve()));
  let out: unknown;
  try {
    out = { slots: (await searchTeeTimes(deps, golfer, { date: env.TEST_DATE })).slots.length };
  } catch (e) {
    out = { error: (e as Error).message };
  }
  console.log(JSON.stringify(out));
  rl.close();
  await database.close();
}

void main();
