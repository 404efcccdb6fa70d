import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { newContext, openSignedIn, screenshotPath, signIn, skipWithoutBrowser } from "./support/browser";
import { api, structured } from "./support/api";
import { login } from "./support/rest-helpers";
import { connectModern } from "./support/mcp-clients";
import { AdminKeysPage } from "./pages/admin-keys-page";
import { AdminMembersPage } from "./pages/admin-members-page";
import { AdminMetricsPage } from "./pages/admin-metrics-page";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("admin pages in a real browser", () => {
  let browser: Browser;
  let admin: BrowserContext;

  beforeAll(async () => {
    ({ browser, context: admin } = await openSignedIn(baseUrl, a.adminEmail, a.adminPassword, "/admin", { clipboard: true }));
  });
  afterAll(async () => browser?.close());

  it("signed out, /admin/keys sends you to sign-in and back; an operator gets a real 403", async () => {
    const anon = await newContext(browser, baseUrl);
    const page = await anon.newPage();
    await page.goto("/admin/keys");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/admin/keys");
    await anon.close();

    const op = await newContext(browser, baseUrl);
    const opPage = await op.newPage();
    await signIn(opPage, a.operatorEmail, a.operatorPassword, "/admin");
    const res = await opPage.goto("/admin");
    expect(res?.status()).toBe(403);
    await expect(opPage.getByRole("heading", { name: /403/ }).isVisible()).resolves.toBe(true);
    expect(await opPage.getByRole("navigation", { name: "Admin sections" }).count()).toBe(0);
    // The REST side agrees: the operator's session cannot list members.
    expect((await opPage.request.get("/api/members")).status()).toBe(403);
    await op.close();
  });

  it("an admin creates an API key: shown once with a working copy button, and it works on /api/mcp until revoked", async () => {
    const page = await admin.newPage();
    const keys = new AdminKeysPage(page);
    await keys.goto();
    const name = `e2e agent ${randomUUID().slice(0, 8)}`;
    const key = await keys.createKey(name, ["hitl:ask"]);
    expect(key).toMatch(/^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await keys.copyButton.click();
    await page.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const prefix = key.slice(0, 15);
    await expect(keys.row(prefix).textContent()).resolves.toContain("hitl:ask");

    // Shown once: after a reload only the prefix remains.
    await page.reload();
    expect(await page.content()).not.toContain(key);
    await keys.row(prefix).waitFor();

    const mcp = await connectModern(baseUrl, key);
    try {
      expect((await mcp.listTools()).map((t) => t.name)).toContain("ask_human");
      const question = `Admin-made key works? ${randomUUID()}`;
      const r = structured(await mcp.callTool("ask_human", { question, timeoutSeconds: 5 }));
      // "unavailable" when nobody is online in this tenant, "pending" if another test left someone online.
      expect(["unavailable", "pending"]).toContain(r.status);
      const stored = await rest.getCase(a.answerKey, r.caseId!);
      expect(stored.status).toBe(200);
      expect(stored.json.question).toBe(question);
    } finally {
      await mcp.close();
    }
    await keys.revoke(prefix);
    await expect(connectModern(baseUrl, key)).rejects.toThrow();
    await page.close();
  });

  it("an admin adds an operator who can sign in; deactivating them ends their access at once", async () => {
    const page = await admin.newPage();
    const members = new AdminMembersPage(page);
    await members.goto();
    const email = `new-op-${randomUUID().slice(0, 8)}@e2e.test`;
    const password = await members.addMember({ email, name: "Nina Newcomer", role: "operator" });
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const op = await newContext(browser, baseUrl);
    const opPage = await op.newPage();
    await signIn(opPage, email, password!, "/admin");
    await opPage.getByRole("heading", { name: /403/ }).waitFor();
    expect((await opPage.request.get("/api/cases?limit=1")).status()).toBe(200);

    await members.setActive(email, false);
    expect((await opPage.request.get("/api/cases?limit=1")).status()).toBe(401);
    await opPage.goto("/admin");
    expect(new URL(opPage.url()).pathname).toBe("/login");
    expect((await login(baseUrl, email, password!)).status).toBe(401);

    await members.setActive(email, true);
    expect((await login(baseUrl, email, password!)).status).toBe(200);
    await op.close();
    await page.close();
  });

  it("an admin cannot deactivate themselves (no button, and the API refuses)", async () => {
    const page = await admin.newPage();
    const members = new AdminMembersPage(page);
    await members.goto();
    await expect(members.row(a.adminEmail).getByText("you").isVisible()).resolves.toBe(true);
    const me = (await page.request.get("/api/members")).json();
    const id = (await me).members.find((m: { email: string }) => m.email === a.adminEmail).id;
    const res = await page.request.patch(`/api/members/${id}`, { data: { active: false }, headers: { origin: baseUrl } });
    expect(res.status()).toBe(409);
    await page.close();
  });

  it("the metrics page draws its charts from real escalations and answers", async () => {
    // Three escalations: one answered by an operator's session, one by an API key, one cancelled.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await rest.call("POST", "/api/cases", { key: a.agentKey, body: { question: `Metrics sample ${i} ${randomUUID()}` } });
      expect(r.status).toBe(201);
      ids.push(r.json.id);
    }
    const session = await login(baseUrl, a.operatorEmail, a.operatorPassword);
    const byOperator = await fetch(`${baseUrl}/api/cases/${ids[0]}/messages`, {
      method: "POST",
      headers: { cookie: session.cookie, origin: baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ content: "Yes." }),
    });
    expect(byOperator.status).toBeLessThan(300);
    expect((await rest.answer(a.answerKey, ids[1]!, "No.")).status).toBeLessThan(300);
    expect((await rest.call("POST", `/api/cases/${ids[2]}/cancel`, { key: a.agentKey })).status).toBe(200);

    const page = await admin.newPage();
    const metrics = new AdminMetricsPage(page);
    await metrics.goto();
    for (const chart of ["volume", "time-to-answer", "outcomes", "operators"] as const) {
      await metrics.bars(chart).first().waitFor({ timeout: 10_000 });
    }
    // p50/p95 are drawn as reference lines (zero-width, so "attached" rather than "visible").
    await metrics.chart("time-to-answer").locator(".recharts-reference-line-line").first().waitFor({ state: "attached" });
    await metrics.chart("time-to-answer").locator("text", { hasText: /^p50 / }).waitFor();
    expect(Number(await metrics.outcomeCount("Answered").textContent())).toBeGreaterThanOrEqual(2);
    expect(Number(await metrics.outcomeCount("Cancelled").textContent())).toBeGreaterThanOrEqual(1);
    await metrics.operatorRow("operator-alpha").waitFor();

    await metrics.choosePreset("Last 24 hours");
    await page.getByRole("button", { name: "Last 24 hours", pressed: true }).waitFor();
    await metrics.bars("volume").first().waitFor();
    await page.screenshot({ path: screenshotPath("metrics"), fullPage: true });
    await page.close();
  });

  it("fits a tablet: the menu wraps above the content without sideways scrolling", async () => {
    const tablet = await newContext(browser, baseUrl, { width: 768, height: 1024 });
    await tablet.addCookies(await admin.cookies());
    const page = await tablet.newPage();
    for (const path of ["/admin", "/admin/members", "/admin/keys", "/admin/metrics"]) {
      await page.goto(path);
      await page.getByRole("navigation", { name: "Admin sections" }).waitFor();
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0], `${path} is ${widths[0]}px wide in a ${widths[1]}px window`).toBeLessThanOrEqual(widths[1]!);
    }
    await tablet.close();
  });
});
