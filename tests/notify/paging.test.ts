import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { heartbeat } from "@/lib/domains/presence/presence";
import type { Principal } from "@/lib/domains/auth/principal";
import { getConfig, resetConfig } from "@/lib/platform/config/env";
import { caseLadderSteps, cases, notifications } from "@/lib/adapters/db/schema";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { createCase } from "@/lib/domains/hitl/create-case";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import { toPublicCase } from "@/lib/domains/hitl/case-view";
import { runMaintenance } from "@/lib/composition/jobs/maintenance";
import { getHitlMetrics } from "@/lib/domains/metrics/hitl-metrics";
import { pagePriority } from "@/lib/domains/notify/page-on-call";
import { advanceLadders } from "@/lib/domains/channels/ladder";
import { updateChannelSettings } from "@/lib/domains/channels/settings";
import { waitFor } from "@/tests/hitl/helpers";
import { updateNotifySettings } from "@/lib/domains/notify/settings";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { startNtfyStandin, type NtfyStandin } from "@/tests/support/ntfy-standin";

/**
 * Paging on-call operators, the escalation ladder's page step: a case nobody can answer pages the account's
 * on-call topic at once; a case left unclaimed for PAGE_AFTER_SECONDS is paged by the ladder's sweep; never
 * twice; never when the account's ladder has no page step; counted in the metrics.
 */
let app: App;
let ntfy: NtfyStandin;
let operator: Principal;
const deps = () => ({ ...app.deps, config: getConfig() });
const ask = async (question: string, extra: Record<string, unknown> = {}) =>
  (await createCase(deps(), app.agent, { question, ...extra }, { source: "api" })).case;
const pagesFor = async (caseId: string) => app.deps.db.select().from(notifications).where(eq(notifications.caseId, caseId));

beforeAll(async () => {
  ntfy = await startNtfyStandin();
  app = await startApp();
  await updateNotifySettings(deps(), app.adminKey, { serverUrl: ntfy.url, oncallTopic: "team-oncall", accessToken: ntfy.token });
  const m = await app.newMember("operator");
  operator = { kind: "member", accountId: app.accountA.id, memberId: m.id, role: "operator", email: m.email, name: m.name };
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ntfy?.close();
});
beforeEach(async () => {
  await app.deps.kv.del(`presence:${app.accountA.id}`);
  process.env.PAGE_AFTER_SECONDS = "10";
  resetConfig();
});

describe("paging on-call operators", () => {
  it("a case with nobody online pages the on-call topic at once: priority mapped, click opens the case in the console", async () => {
    const c = await ask("Can I bring my dog to the terrace?", { priority: 4, urgency: "high" });
    const page = await ntfy.waitFor((p) => p.click?.endsWith(c.id) ?? false);
    expect(page).toMatchObject({
      topic: "team-oncall",
      priority: 5,
      message: "Can I bring my dog to the terrace?",
      click: `${BASE}/console?case=${c.id}`,
      authorization: `Bearer ${ntfy.token}`,
    });
    expect(page.title).toMatch(/nobody is online/);
    const row = await getCaseOrThrow(app.deps.db, app.accountA.id, c.id);
    expect(toPublicCase(row).pagedAt).toBeTruthy();
    // Never twice: the sweep and further maintenance passes leave it alone.
    process.env.PAGE_AFTER_SECONDS = "1";
    resetConfig();
    await new Promise((r) => setTimeout(r, 1100));
    await runMaintenance(deps());
    await advanceLadders(deps());
    expect(ntfy.published.filter((p) => p.click?.endsWith(c.id))).toHaveLength(1);
    expect(await pagesFor(c.id)).toHaveLength(1);
  });

  it("with someone online nothing pages at once; unclaimed after PAGE_AFTER_SECONDS the sweep pages once; a claimed case is never paged", async () => {
    await heartbeat(app.deps, operator);
    const waiting = await ask("Is the pool heated?", { priority: 2, urgency: "low" });
    const claimed = await ask("Do you sell gift cards?");
    await claimCase(deps(), operator, claimed.id);
    await advanceLadders(deps());
    expect(await pagesFor(waiting.id)).toHaveLength(0); // younger than 10 s
    process.env.PAGE_AFTER_SECONDS = "1";
    resetConfig();
    await new Promise((r) => setTimeout(r, 1100));
    await advanceLadders(deps());
    await advanceLadders(deps());
    expect(await pagesFor(waiting.id)).toHaveLength(1);
    const page = await ntfy.waitFor((p) => p.click?.endsWith(waiting.id) ?? false);
    expect(page).toMatchObject({ priority: 3, title: expect.stringMatching(/unclaimed/) });
    expect(ntfy.published.some((p) => p.click?.endsWith(claimed.id))).toBe(false);
    const [row] = await app.deps.db.select({ pagedAt: cases.pagedAt }).from(cases).where(eq(cases.id, claimed.id));
    expect(row!.pagedAt).toBeNull();
  });

  it("an unreachable ntfy leaves the page queued; the retry job delivers it when ntfy is back", async () => {
    ntfy.failNext(3, 503);
    const c = await ask("Where do I park?");
    let page = (await pagesFor(c.id))[0];
    const until = Date.now() + 30_000;
    while (page?.status !== "sent" && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 300));
      await app.deps.db.update(notifications).set({ nextAttemptAt: new Date() }).where(eq(notifications.caseId, c.id)); // skip the backoff wait
      await runMaintenance(deps());
      page = (await pagesFor(c.id))[0];
    }
    expect(page).toMatchObject({ status: "sent", kind: "page" });
    expect(page!.attempts).toBeGreaterThan(1);
    expect(ntfy.published.filter((p) => p.click?.endsWith(c.id))).toHaveLength(1);
  });

  it("paging is counted in the HITL metrics", async () => {
    const m = await getHitlMetrics(app.deps.db, app.accountA.id, {
      from: new Date(Date.now() - 3600_000),
      to: new Date(Date.now() + 60_000),
    });
    expect(m.paging).toEqual({ paged: 3, delivered: 3 });
  });

  it("an account whose ladder has no page step is never paged, neither at once nor unclaimed later", async () => {
    await updateChannelSettings(deps(), app.adminKey, { ladder: [{ channel: "console", afterSeconds: 0 }] });
    try {
      const quiet = await ask("Is there a cloakroom?");
      // The ladder's first step is recorded after it decided not to page.
      await waitFor(async () => (await app.deps.db.select().from(caseLadderSteps).where(eq(caseLadderSteps.caseId, quiet.id)))[0]);
      process.env.PAGE_AFTER_SECONDS = "1";
      resetConfig();
      await new Promise((r) => setTimeout(r, 1100));
      await runMaintenance(deps());
      await updateChannelSettings(deps(), app.adminKey, { ladder: null });
      // The same account on the default ladder pages again: pages do flow, so the quiet case's silence is the ladder's.
      const loud = await ask("Is there a lift?");
      await ntfy.waitFor((p) => p.click?.endsWith(loud.id) ?? false);
      expect(await pagesFor(quiet.id)).toHaveLength(0);
      expect(ntfy.published.some((p) => p.click?.endsWith(quiet.id))).toBe(false);
    } finally {
      await updateChannelSettings(deps(), app.adminKey, { ladder: null });
    }
  });

  it("maps case priority and urgency to ntfy priority, never below 3", () => {
    expect([
      pagePriority({ priority: 1, urgency: "low" }),
      pagePriority({ priority: 3, urgency: "medium" }),
      pagePriority({ priority: 3, urgency: "high" }),
      pagePriority({ priority: 5, urgency: "low" }),
      pagePriority({ priority: 5, urgency: "high" }),
    ]).toEqual([3, 3, 4, 4, 5]);
  });
});
