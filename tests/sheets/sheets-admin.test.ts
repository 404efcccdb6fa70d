import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { queryRows } from "@/lib/adapters/db/client";
import { createCase } from "@/lib/domains/hitl/create-case";
import { createSheetsPort } from "@/lib/domains/sheets";
import { createSheetsDrainer } from "@/lib/domains/sheets/drain";
import { exportSheetCsv } from "@/lib/domains/sheets/export-csv";
import { TABS } from "@/lib/domains/sheets/layout";
import { rebuildSheet } from "@/lib/domains/sheets/rebuild";
import { getSheetsStatus } from "@/lib/domains/sheets/status";
import { createCallsTenant } from "@/tests/calls/helpers";
import { createSheetsHarness, testServiceAccountKey, type SheetsHarness } from "./helpers";

type Tenant = Awaited<ReturnType<typeof createCallsTenant>>;

describe("Google Sheets log: setup errors, rebuild, status and CSV", () => {
  let h: SheetsHarness;
  let t: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    h = await createSheetsHarness();
    t = await createCallsTenant(h.deps.db, "sheets admin");
    other = await createCallsTenant(h.deps.db, "someone else");
  });
  afterAll(async () => {
    await h?.close();
  });
  const backlog = async () => Number((await queryRows<{ n: number }>(h.deps.db, sql`select count(*)::int as n from sheets_outbox`))[0]!.n);
  const call = (tenant: Tenant, i: number) =>
    makePhoneCall(h.deps, tenant.caller, { phoneNumber: `+1415555${4000 + i}`, task: "Check the order." });

  it("a token signed with the wrong key is refused at the token endpoint: nothing is sent, the rows wait", async () => {
    await call(t, 1);
    const wrong = testServiceAccountKey();
    const drainer = createSheetsDrainer({
      deps: h.deps,
      port: createSheetsPort({ ...h.deps.config, SHEETS_PRIVATE_KEY: wrong.privatePem }),
      clock: h.clock,
    });
    const r = await drainer.run();
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/invalid_grant|400/);
    expect(h.standin.state.log.filter((l) => l.path.startsWith("/v4"))).toEqual([]);
    expect(await backlog()).toBeGreaterThan(0);
  });

  it("a sheet not shared with the service account: 403 is the last error, rows wait; once shared they arrive", async () => {
    h.standin.state.shared = false;
    const r = await h.drainer.run();
    expect(r.status).toBe("failed");
    const status = await getSheetsStatus(h.deps, t.admin);
    expect(status.lastError).toContain("PERMISSION_DENIED");
    expect(status.backlog.count).toBeGreaterThan(0);
    h.standin.state.shared = true;
    await h.drainAll();
    expect(await backlog()).toBe(0);
    expect(h.tab("call").length).toBe(2); // header + the call
  });

  it("rebuild clears a damaged sheet and rewrites every row from the database, with progress", async () => {
    for (let i = 2; i < 6; i++) await call(t, i);
    await createCase(h.deps, t.agent.principal, { question: "Can I bring a dog?" }, { source: "api" });
    await h.drainAll();
    // Damage: a row overwritten by hand, junk below the data.
    h.standin.grid.write("'Calls'!A2:C2", [["junk", "junk", "junk"]]);
    h.standin.grid.write("'Calls'!A40", [["stray row"]]);
    await rebuildSheet(h.deps, t.admin);
    expect((await getSheetsStatus(h.deps, t.admin)).rebuild.state).toBe("clearing");
    await h.drainAll();
    const [header, ...rows] = h.tab("call");
    expect(header).toEqual(TABS.call.columns);
    const ids = rows.map((r) => String(r[0])).sort();
    const db = await queryRows<{ id: string }>(h.deps.db, sql`select id from calls order by id`);
    expect(ids).toEqual(db.map((r) => r.id));
    expect(h.tab("case").length).toBe(2);
    const status = await getSheetsStatus(h.deps, t.admin);
    expect(status.rebuild).toMatchObject({ state: "done", total: db.length + 1, done: db.length + 1 });
    expect(status.rowsWritten).toBeGreaterThan(0);
    // The request log is kept on the drainer's clock (60× here): read the chart at that time.
    const chart = (await getSheetsStatus(h.deps, t.admin, h.clock.now())).perMinute;
    expect(chart.reduce((n, m) => n + m.requests, 0)).toBeGreaterThan(0);
  });

  it("warns when the backlog is older than 5 minutes, and only admins see the status", async () => {
    h.standin.state.faults.outage = true;
    await call(t, 9);
    const later = await getSheetsStatus(h.deps, t.admin, Date.now() + 6 * 60_000);
    expect(later.warnings.join(" ")).toMatch(/minutes old/);
    await expect(getSheetsStatus(h.deps, t.caller)).rejects.toMatchObject({ code: "forbidden" });
    h.standin.state.faults.outage = false;
    await h.drainAll();
  });

  it("the CSV holds the same columns, only the caller's account", async () => {
    await call(other, 20);
    const text = await exportSheetCsv(h.deps, t.admin, "calls");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe(TABS.call.columns.join(","));
    expect(lines.slice(1).every((l) => l.split(",")[1] === t.account.id)).toBe(true);
    expect(lines.length - 1).toBe(
      Number(
        (await queryRows<{ n: number }>(h.deps.db, sql`select count(*)::int as n from calls where account_id = ${t.account.id}`))[0]!.n,
      ),
    );
  });

  it("with no Google credentials the drainer sends nothing and empties the outbox (the database holds every row)", async () => {
    await call(t, 30);
    const off = createSheetsDrainer({ deps: h.deps, port: null });
    expect((await off.run()).status).toBe("not_configured");
    expect(await backlog()).toBe(0);
  });
});
