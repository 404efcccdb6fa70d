import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/adapters/db/client";
import { chronogolfTokens } from "@/lib/adapters/db/schema";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { depsFrom } from "@/lib/composition/deps";
import { searchTeeTimes } from "@/lib/domains/golf/search-tee-times";
import { updateGolfSettings } from "@/lib/domains/golf/settings";
import { addDays, todayIn } from "@/lib/domains/golf/time";
import { parseConfig } from "@/lib/platform/config/env";
import type { Deps } from "@/lib/platform/deps";
import { lazy } from "@/lib/platform/lazy";
import { startChronogolfStandin } from "@/tests/support/chronogolf-standin";
import { createTestDatabase } from "@/tests/support/test-deps";
import { createGolfTenant } from "@/tests/golf/helpers";

/**
 * Chronogolf rotates the refresh token on every use and a new access token retires the one before it. Several
 * app processes on one database (Vercel functions, a scaled deployment) share one credential: a refresh runs
 * under a cross-process lock and leaves its access token for the others (lib/domains/golf/chronogolf/token-store.ts).
 * The other processes here are real ones (tests/golf/support/search-from-another-process.ts), each with its own
 * pool and process state.
 *
 * skipIf: the lock is PostgreSQL's (pg_advisory_xact_lock); PGlite is one process's own (its data-dir lock
 * refuses a second), so there is nothing to race. CI sets DATABASE_URL.
 */
const TZ = "America/Toronto";
const INSTANCE = { organizationId: "org-7", clientId: "instance-client", clientSecret: "instance-secret", refreshToken: "rt_start" };
const CHILD = path.resolve("tests/golf/support/search-from-another-process.ts");
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
const date = addDays(todayIn(TZ), 1);

describe.skipIf(!process.env.DATABASE_URL)("Chronogolf tokens shared by several processes", () => {
  let standin: Awaited<ReturnType<typeof startChronogolfStandin>>;
  let db: { database: Database; url?: string; drop: () => Promise<void> };
  let deps: Deps;
  let golfer: Awaited<ReturnType<typeof createGolfTenant>>;
  const children: ChildProcessWithoutNullStreams[] = [];

  beforeAll(async () => {
    standin = await startChronogolfStandin(INSTANCE);
    standin.state.courses.push({ id: "c-elm", name: "Elm Park", holes: 18 });
    standin.state.teetimes.push({ id: "tt-9", courseId: "c-elm", date, start_time: "10:00", free_slots: 4, green_fee: 60 });
    db = await createTestDatabase();
    const config = parseConfig({
      LOG_LEVEL: "silent",
      OUTBOUND_ALLOW_LOOPBACK: "true",
      CHRONOGOLF_BASE_URL: standin.url,
      CHRONOGOLF_CLIENT_ID: INSTANCE.clientId,
      CHRONOGOLF_CLIENT_SECRET: INSTANCE.clientSecret,
      CHRONOGOLF_REFRESH_TOKEN: INSTANCE.refreshToken,
    });
    deps = depsFrom({ db: db.database.db, kv: createMemoryKv(), bus: createMemoryBus(), config });
    golfer = await createGolfTenant(deps.db, "Shared Links");
    await updateGolfSettings(deps, golfer.admin, {
      provider: "chronogolf",
      chronogolf: { organizationId: INSTANCE.organizationId, timezone: TZ },
    });
    lazy.forget("chronogolf"); // this process starts with no token of its own either
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await standin?.close();
    await db?.drop();
  });

  /** Starts `n` other processes, lets them search at the same moment, and returns what each answered. */
  async function searchFromOtherProcesses(n: number): Promise<unknown[]> {
    const started = Array.from({ length: n }, () => {
      const child = spawn(process.execPath, [TSX, CHILD], {
        env: {
          ...process.env,
          TEST_DATABASE_URL: db.url!,
          TEST_GOLFER_KEY: golfer.golferKey,
          TEST_DATE: date,
          CHRONOGOLF_BASE_URL: standin.url,
          CHRONOGOLF_CLIENT_ID: INSTANCE.clientId,
          CHRONOGOLF_CLIENT_SECRET: INSTANCE.clientSecret,
          CHRONOGOLF_REFRESH_TOKEN: INSTANCE.refreshToken,
        },
      });
      children.push(child);
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const lines = readline.createInterface({ input: child.stdout });
      const next = () =>
        new Promise<string>((resolve, reject) => {
          lines.once("line", resolve);
          child.once("exit", (code) => reject(new Error(`the other process exited (${code}): ${stderr.slice(0, 2000)}`)));
        });
      return { child, next };
    });
    await Promise.all(started.map(async (s) => expect(await s.next()).toBe("ready")));
    const answers = started.map((s) => s.next());
    for (const s of started) s.child.stdin.write("go\n");
    return (await Promise.all(answers)).map((line) => JSON.parse(line));
  }

  it("two processes that need a token at the same moment both search; the refresh token is spent once", async () => {
    // Without the lock both would send the same refresh token together: the second is refused (invalid_grant).
    standin.state.tokenRendezvousMs = 3000;
    expect(await searchFromOtherProcesses(2)).toEqual([{ slots: 1 }, { slots: 1 }]);
    expect(standin.state.tokenRequests).toBe(1);
    expect(standin.state.violations).toEqual([]);
    standin.state.tokenRendezvousMs = 0;
    // The shared access token is sealed at rest, like every secret we read back.
    const rows = await deps.db.select().from(chronogolfTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.accessToken).not.toContain(standin.state.accessToken);
    expect(rows[0]!.accessTokenKeyId).toBeTruthy();
  });

  it("a process with no token uses the one another process made, without a refresh", async () => {
    expect((await searchTeeTimes(deps, golfer.golfer, { date })).slots).toHaveLength(1);
    expect(standin.state.tokenRequests).toBe(1);
  });

  it("a token retired by another process's refresh: the new one is used, not a second refresh", async () => {
    standin.state.accessToken = ""; // the server revokes the shared token: the next process to use it refreshes
    expect(await searchFromOtherProcesses(1)).toEqual([{ slots: 1 }]);
    expect(standin.state.tokenRequests).toBe(2);
    // This process still holds the revoked token: it is refused once, then the one the other process made is used.
    expect((await searchTeeTimes(deps, golfer.golfer, { date })).slots).toHaveLength(1);
    expect(standin.state.tokenRequests).toBe(2);
    expect(standin.state.log.filter((l) => l.status === 401)).toHaveLength(2);
  });

  it("a revoked token in every process: one refresh, with the refresh token the last one rotated to", async () => {
    standin.state.accessToken = "";
    expect((await searchTeeTimes(deps, golfer.golfer, { date })).slots).toHaveLength(1);
    expect(standin.state.tokenRequests).toBe(3);
    expect(await searchFromOtherProcesses(2)).toEqual([{ slots: 1 }, { slots: 1 }]);
    expect(standin.state.tokenRequests).toBe(3);
    expect(standin.state.violations).toEqual([]);
  });
});
