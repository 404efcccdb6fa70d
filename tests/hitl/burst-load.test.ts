/**
 * A burst far larger than the connection pool, on a healthy PostgreSQL: load is not an outage. Every
 * ask_human gets its case (or, past the bulkhead's bounds, the "busy" sentence) — never FALLBACK_UNREACHABLE —
 * and waiting calls hold no connection, so answers get through a pool of two while a whole burst waits.
 * Counts outcomes; nothing here is timed. Needs PostgreSQL: the breaker guards only it (PGlite is in-process).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import { openDatabase, type Database } from "@/lib/adapters/db/client";
import { depsFrom } from "@/lib/composition/deps";
import type { Deps } from "@/lib/platform/deps";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { heartbeat } from "@/lib/domains/presence/presence";
import { askHuman } from "@/lib/domains/hitl/ask-human";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { databaseGuard } from "@/lib/adapters/db/guard";
import { toolFailure } from "@/lib/transports/tools/tool-result";
import { createTestDatabase } from "@/tests/support/test-deps";
import { createTenant, type Tenant } from "@/tests/support/fixtures";
import { waitFor } from "@/tests/hitl/helpers";

const POOL = 2;
const BURST = 200;

// skipIf: the database breaker exists only for PostgreSQL (CI sets DATABASE_URL); PGlite cannot be unreachable.
describe.skipIf(!process.env.DATABASE_URL)("a burst larger than the pool on a healthy PostgreSQL", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let small: Database;
  let deps: Deps;
  let t: Tenant;

  beforeAll(async () => {
    fresh = await createTestDatabase();
    t = await createTenant(fresh.database.db);
    // The app as it runs: the breaker on (DATABASE_URL), its time-out at the minimum, a pool of two.
    // The queue may wait long, so that however slow this machine is, no call is shed as "busy" either.
    const env = {
      LOG_LEVEL: "silent",
      DATABASE_URL: fresh.url!,
      DATABASE_POOL_MAX: String(POOL),
      HITL_DB_TIMEOUT_MS: "100",
      HITL_QUEUE_TIMEOUT_MS: "50000",
    };
    const config = parseConfig(env);
    small = await openDatabase({ url: fresh.url!, poolMax: config.DATABASE_POOL_MAX });
    deps = depsFrom({ db: small.db, kv: createMemoryKv(), bus: createMemoryBus(), config });
  });
  afterAll(async () => {
    await small?.close();
    await fresh?.drop();
  });

  /** What the agent would hear: the tool's result, or the transport's fallback for a thrown error. */
  const ask = (question: string, timeoutSeconds = 30) =>
    askHuman(deps, t.agent.principal, { question, timeoutSeconds }).catch(
      (e) => toolFailure(e, "ask_human", "hitl").structuredContent as { status: string; message: string },
    );

  it("nobody online: every call is told so at once (or busy), none hears the outage sentence", async () => {
    const results = await Promise.all(Array.from({ length: BURST }, (_, i) => ask(`burst ${i}`)));
    const count = (status: string) => results.filter((r) => r.status === status).length;
    const unreachable = results.filter((r) => r.message === deps.config.FALLBACK_UNREACHABLE).length;
    expect({ unreachable, other: BURST - count("unavailable") - count("busy") }).toEqual({ unreachable: 0, other: 0 });
    // The load came from cases really created, not from refusals: the bulkhead's queue (2000) held the burst.
    expect(count("unavailable")).toBe(BURST);
    expect(databaseGuard(deps.config)!.state()).toBe("up");
  }, 120_000);

  it("calls waiting for a person hold no connection: a pool of two still takes every answer", async () => {
    const WAITING = 40;
    await heartbeat(deps, t.answerer.principal);
    const calls = Array.from({ length: WAITING }, (_, i) => ask(`waiting ${i}`, 55));
    // All of them wait at once: their cases are open (the first read of each wait has happened or is queued).
    const open = await waitFor(async () => {
      const { cases } = await listCases(deps, t.account.id, { limit: 200, status: ["open"] });
      const mine = cases.filter((c) => c.question.startsWith("waiting "));
      return mine.length === WAITING ? mine : null;
    }, 60_000);
    await Promise.all(open.map((c) => postMessage(deps, t.answerer.principal, c.id, { content: `answer to ${c.question}` })));
    const results = await Promise.all(calls);
    const right = results.filter((r, i) => r.status === "answered" && "answer" in r && r.answer === `answer to waiting ${i}`).length;
    expect(right).toBe(WAITING);
  }, 120_000);
});
