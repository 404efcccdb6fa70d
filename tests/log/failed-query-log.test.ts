import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { members } from "@/lib/adapters/db/schema";
import { errorResponse } from "@/lib/transports/http/respond";
import { log, setLogDestination } from "@/lib/platform/log";
import { toolFailure } from "@/lib/transports/tools/tool-result";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";

/** A failing query's log line keeps the statement and the SQLSTATE, never the values it was given. */
describe("failed-query logs", () => {
  let deps: TestDeps;
  const lines: string[] = [];
  beforeAll(async () => {
    deps = await createTestDeps();
    setLogDestination(new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  });
  afterAll(async () => {
    setLogDestination(undefined);
    await deps?.close();
  });

  const QUESTION = "Is my neighbour Ada Lovelace's prescription ready?";
  const failingQuery = () =>
    deps.db.execute(sql`select ${QUESTION}::uuid as id`).then(
      () => null,
      (e: unknown) => e,
    );

  // Not a data error (22xxx answers 400 without logging the message): an unknown table is a platform failure.
  const failingQuery500 = () =>
    deps.db.execute(sql`select ${QUESTION}::text as q from no_such_table`).then(
      () => null,
      (e: unknown) => e,
    );

  it("errorResponse (REST 500) logs the statement without the parameters", async () => {
    const e = await failingQuery500();
    expect(e).toBeInstanceOf(Error);
    expect(String(e)).toContain(QUESTION); // the error itself carries the value…
    lines.length = 0;
    const res = errorResponse(e);
    expect(res.status).toBe(500);
    const out = lines.join("");
    expect(out).toContain("Failed query: select $1::text as q from no_such_table"); // …the log keeps the statement
    expect(out).not.toContain("Lovelace"); // …and not the value, in message, stack or cause
    expect(out).toContain("42P01"); // SQLSTATE: undefined_table
  });

  it("a unique violation's detail (the duplicate email) stays out of the log", async () => {
    const t = await createTenant(deps.db);
    const e = await deps.db
      .insert(members)
      .values({ accountId: t.account.id, email: t.operatorEmail, name: "Dup", role: "operator", passwordHash: "scrypt$not-a-real-hash" })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(Error);
    lines.length = 0;
    errorResponse(e);
    toolFailure(e, "ask_human", "hitl");
    const out = lines.join("");
    expect(out).toContain("Failed query: insert into");
    expect(out).not.toContain(t.operatorEmail);
    expect(out).not.toContain("not-a-real-hash");
  });

  it("the String(e) and err: e forms used by background jobs are scrubbed too", async () => {
    const e = await failingQuery();
    lines.length = 0;
    log.warn({ err: String(e) }, "maintenance pass failed");
    log.warn({ err: e, nested: { why: `wrapped: ${String(e)}` } }, "call sync pass failed");
    const out = lines.join("");
    expect(out.match(/Failed query: select \$1::uuid as id/g)?.length).toBeGreaterThanOrEqual(3);
    expect(out).not.toContain("Lovelace");
  });
});
