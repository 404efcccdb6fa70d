import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { queryRows } from "@/lib/adapters/db/client";
import { calls, cases } from "@/lib/adapters/db/schema";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { cancelCase, expireCases } from "@/lib/domains/hitl/close-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { TABS } from "@/lib/domains/sheets/layout";
import { readState } from "@/lib/domains/sheets/store";
import { createCallsTenant } from "@/tests/calls/helpers";
import { createSheetsHarness, type SheetsHarness } from "./helpers";

type Tenant = Awaited<ReturnType<typeof createCallsTenant>>;
const statusesOf = (events: string) => events.split("; ").map((e) => e.split(" ")[0]);

describe("Google Sheets log: outbox → drainer → sheet, against the Sheets stand-in", () => {
  let h: SheetsHarness;
  let t: Tenant;
  const expected = new Map<string, string[]>(); // entity id → statuses it went through, in order

  beforeAll(async () => {
    h = await createSheetsHarness();
    t = await createCallsTenant(h.deps.db, "sheets");
  });
  afterAll(async () => {
    await h?.close();
  });

  const newCall = async (i: number) => {
    const c = await makePhoneCall(h.deps, t.caller, { phoneNumber: `+1415555${String(3000 + i)}`, task: "Confirm the booking." });
    expected.set(c.id, ["queued"]);
    return c.id;
  };
  const move = async (id: string, status: "ringing" | "in_progress" | "completed" | "no_answer") => {
    await applyCallUpdate(h.deps, {
      callId: id,
      update: { status, ...(status === "completed" ? { durationSeconds: 65 } : {}) },
      source: "webhook",
    });
    expected.get(id)!.push(status);
  };
  const newCase = async (i: number) => {
    const { case: c } = await createCase(h.deps, t.agent.principal, { question: `Is table ${i} free tonight?` }, { source: "api" });
    expected.set(c.id, ["open"]);
    return c.id;
  };

  /** Every call and case of the database is in the sheet exactly once, as it is now, with its events in order. */
  async function expectSheetMatchesDatabase() {
    for (const type of ["call", "case"] as const) {
      const [header, ...rows] = h.tab(type);
      expect(header).toEqual(TABS[type].columns);
      const table = type === "call" ? calls : cases;
      const db = await h.deps.db.select({ id: table.id, status: table.status }).from(table);
      const ids = rows.map((r) => String(r[0]));
      expect(new Set(ids).size).toBe(ids.length); // no row twice
      expect(ids.sort()).toEqual(db.map((r) => r.id).sort()); // none missing, none extra
      const statusCol = TABS[type].columns.indexOf("Status");
      const eventsCol = TABS[type].columns.indexOf("Events");
      for (const row of rows) {
        const id = String(row[0]);
        expect(row[statusCol]).toBe(db.find((r) => r.id === id)!.status);
        if (expected.has(id)) expect(statusesOf(String(row[eventsCol]))).toEqual(expected.get(id));
      }
    }
  }

  it("after a mix of injected 429s, 5xx, time-outs after the write and an outage: every event exactly once, in order, and the quota never exceeded", async () => {
    h.standin.state.faults = { rate429: 0.15, rate5xx: 0.1, rateTimeout: 0.1, outage: false };
    let stop = false;
    const statuses: string[] = [];
    const scheduler = (async () => {
      while (!stop) {
        statuses.push((await h.drainer.run()).status);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const pause = () => new Promise((r) => setTimeout(r, 15)); // let the drainer interleave with the changes
    const until = async (what: () => Promise<boolean> | boolean, ms: number) => {
      for (const end = Date.now() + ms; !(await what()); ) {
        if (Date.now() > end) throw new Error("condition not reached in time");
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const backlog = async () =>
      Number((await queryRows<{ n: number }>(h.deps.db, sql`select count(*)::int as n from sheets_outbox`))[0]!.n);
    const callIds: string[] = [];
    const caseIds: string[] = [];
    for (let i = 0; i < 24; i++) {
      callIds.push(await newCall(i));
      if (i % 3 === 0) caseIds.push(await newCase(i));
      await pause();
    }
    // Google unreachable while work goes on: the breaker opens, the outbox grows.
    h.standin.state.faults.outage = true;
    for (const id of callIds) await move(id, "ringing"), await pause();
    await until(() => statuses.includes("breaker_open"), 120_000);
    const grown = await backlog();
    expect(grown).toBeGreaterThanOrEqual(callIds.length);
    h.standin.state.faults.outage = false;
    for (const [n, id] of caseIds.entries()) {
      await pause();
      if (n % 4 === 0) {
        await cancelCase(h.deps, t.agent.principal, id);
        expected.get(id)!.push("cancelled");
        continue;
      }
      await claimCase(h.deps, t.operator, id);
      expected.get(id)!.push("claimed");
      if (n % 4 === 1) continue; // left to expire below
      await postMessage(h.deps, t.operator, id, { content: "Yes, it is." });
      expected.get(id)!.push("answered");
    }
    for (const [n, id] of callIds.entries()) {
      await pause();
      if (n % 5 === 0) await move(id, "no_answer");
      else {
        await move(id, "in_progress");
        await move(id, "completed");
      }
    }
    await expireCases(h.deps, new Date(Date.now() + 365 * 86_400_000));
    for (const [n, id] of caseIds.entries()) if (n % 4 === 1) expected.get(id)!.push("expired");
    // Still under injected faults, the drainer empties the outbox by itself.
    await until(async () => (await backlog()) === 0, 120_000);
    stop = true;
    await scheduler;
    h.standin.state.faults = { rate429: 0, rate5xx: 0, rateTimeout: 0, outage: false };
    await h.drainAll();

    const injected = h.standin.state.injected;
    if (process.env.SHEETS_TEST_DEBUG)
      console.error(
        JSON.stringify({
          injected,
          statuses: statuses.reduce<Record<string, number>>((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {}),
          requests: h.standin.state.log.map((l) => `${l.at % 100000} ${l.path.slice(50)} ${l.status}`),
        }),
      );
    expect(injected["429"]).toBeGreaterThan(0);
    expect(injected["5xx"]).toBeGreaterThan(0);
    expect(injected.timeout).toBeGreaterThan(0);
    expect(statuses).toContain("breaker_open"); // the outage opened the breaker…
    expect((await readState(h.deps.db)).breakerState).toBe("closed"); // …and it closed again
    await expectSheetMatchesDatabase();
    expect(await backlog()).toBe(0);
    expect(h.standin.maxWritesInWindow()).toBeLessThanOrEqual(60);
    expect(h.standin.maxReadsInWindow()).toBeLessThanOrEqual(60);
    expect(h.standin.state.rejectedOverQuota).toBe(0);
  }, 300_000);
});
