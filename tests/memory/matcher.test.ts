import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { depsWithTenant, createTenant, type Tenant } from "@/tests/support/fixtures";
import type { TestDeps } from "@/tests/support/test-deps";
import { addKey, expectAppError } from "@/tests/hitl/helpers";
import { createMemoryEntry, updateMemoryEntry } from "@/lib/domains/memory/entries";
import { lexicalMatcher } from "@/lib/domains/memory/lexical-matcher";
import { findAutoAnswer, searchAnswers } from "@/lib/domains/memory/search";
import { getAutoAnswerSettings, updateMemorySettings } from "@/lib/domains/memory/settings";
import { queryRows } from "@/lib/adapters/db/client";
import { sql } from "drizzle-orm";
import type { Principal } from "@/lib/domains/auth/principal";

// The lexical matcher on the real database (PGlite by default, PostgreSQL with DATABASE_URL): pg_trgm and
// the english full-text configuration must be there, and memory never crosses accounts.
let deps: TestDeps;
let t: Tenant;
let other: Tenant;
let admin: Principal;
let otherAdmin: Principal;

const find = (accountId: string, question: string, approvedOnly = false) =>
  lexicalMatcher.findMatches(deps.db, { accountId, question, approvedOnly, limit: 3, minScore: 0.25 });

beforeAll(async () => {
  ({ deps, t } = await depsWithTenant());
  other = await createTenant(deps.db);
  admin = await addKey(deps.db, t.account.id, ["admin"]);
  for (const [question, answer] of [
    ["Are you open on Sunday?", "Sundays 10 am to 4 pm."],
    ["Are you open on Monday?", "Mondays 9 am to 9 pm."],
    ["Do you validate parking?", "Yes, bring your ticket to the front desk."],
    ["Is the Elm Street branch wheelchair accessible?", "Yes, step-free entrance on Elm Street."],
  ] as const)
    await createMemoryEntry(deps, admin, { question, answer, approvedForAuto: question.includes("parking") });
  otherAdmin = await addKey(deps.db, other.account.id, ["admin"]);
  await createMemoryEntry(deps, otherAdmin, { question: "Do you validate parking?", answer: "OTHER ACCOUNT" });
}, 60_000);
afterAll(() => deps?.close());

describe("lexical matcher", () => {
  it("finds a paraphrase, and a day never stands in for another day", async () => {
    const [best] = await find(t.account.id, "sunday - are you guys open then?");
    expect(best?.entry.answer).toBe("Sundays 10 am to 4 pm.");
    const monday = await find(t.account.id, "Are you open Monday?");
    expect(monday[0]?.entry.answer).toBe("Mondays 9 am to 9 pm.");
    expect(monday.find((m) => m.entry.answer.startsWith("Sundays"))?.score ?? 0).toBeLessThan(0.3);
  });

  it("widens step by step in one statement: a word the saved question lacks still finds it", async () => {
    // "garage" is in no saved question: every-word fails, all-but-one finds the branch; with two words,
    // one shared ("parking"), only the last, any-word step reaches it.
    const [branch] = await find(t.account.id, "Is the Elm Street branch wheelchair accessible from the garage?");
    expect(branch?.entry.answer).toMatch(/Elm Street/);
    const [parking] = await find(t.account.id, "parking garage");
    expect(parking?.entry.answer).toBe("Yes, bring your ticket to the front desk.");
  });

  it("tolerates a typo through trigram and the scorer", async () => {
    const [best] = await find(t.account.id, "do u validate parkng");
    expect(best?.entry.answer).toMatch(/ticket/);
  });

  it("never returns another account's entries, nor expired ones", async () => {
    const theirs = await find(other.account.id, "Are you open on Sunday?");
    expect(theirs).toEqual([]);
    const ours = await find(t.account.id, "Do you validate parking?");
    expect(ours.map((m) => m.entry.answer)).not.toContain("OTHER ACCOUNT");
    await updateMemoryEntry(deps, admin, ours[0]!.entry.id, { validUntil: "2020-01-01T00:00:00Z" });
    expect(await find(t.account.id, "Do you validate parking?")).toEqual([]);
    await updateMemoryEntry(deps, admin, ours[0]!.entry.id, { validUntil: null });
  });

  it("search_answers returns approved entries only, with a score, for hitl:ask keys", async () => {
    const r = await searchAnswers(deps, t.agent.principal, { question: "Will you validate my parking ticket?" });
    expect(r.answers).toHaveLength(1);
    expect(r.answers[0]!.score).toBeGreaterThan(0.5);
    expect((await searchAnswers(deps, t.agent.principal, { question: "Open on Sunday?" })).answers).toEqual([]);
    await expectAppError(searchAnswers(deps, t.answerer.principal, { question: "x" }), "forbidden", /hitl:ask/);
    await expectAppError(searchAnswers(deps, t.agent.principal, { question: "" }), "validation_failed", /question/);
  });

  it("automatic answers: one settings read says on/off, the threshold and whether anything is approved", async () => {
    expect(await getAutoAnswerSettings(deps, t.account.id)).toEqual({
      autoAnswer: true,
      threshold: deps.config.MEMORY_AUTO_THRESHOLD,
      anyApproved: true,
    });
    expect((await findAutoAnswer(deps, t.account.id, "Do you validate parking?"))?.entry.answer).toMatch(/ticket/);
    // The other account has the same question saved but not approved: on by default only once approved,
    // and even switched on explicitly nothing unapproved answers a caller.
    expect(await getAutoAnswerSettings(deps, other.account.id)).toMatchObject({ autoAnswer: false, anyApproved: false });
    await updateMemorySettings(deps, otherAdmin, { autoAnswer: true, threshold: 0.3 });
    expect(await getAutoAnswerSettings(deps, other.account.id)).toEqual({
      autoAnswer: true,
      threshold: expect.closeTo(0.3, 5),
      anyApproved: false,
    });
    expect(await findAutoAnswer(deps, other.account.id, "Do you validate parking?")).toBeNull();
  });

  it("the full-text index has no pending list: searches never read unmerged entries", async () => {
    const [idx] = await queryRows<{ reloptions: string[] | null }>(
      deps.db,
      sql`select reloptions from pg_class where relname = 'memory_answers_search_idx'`,
    );
    expect(idx?.reloptions ?? []).toContain("fastupdate=off");
  });
});
