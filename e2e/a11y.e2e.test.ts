import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api } from "./support/api";
import { axeViolations, tabThrough } from "./support/a11y";
import { launchBrowser, signIn, skipWithoutBrowser } from "./support/browser";
import { connectModern } from "./support/mcp-clients";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);
const tag = () => randomUUID().slice(0, 8);

/** Every page must pass axe (no serious or critical violation) and be fully keyboard-reachable with a visible focus ring. */
async function check(page: Page, name: string) {
  // Soft: one run lists every page's problems, not just the first page's.
  const violations = await axeViolations(page);
  expect.soft(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  const { stops, unreached } = await tabThrough(page);
  expect.soft(stops.length, `${name}: Tab reaches nothing`).toBeGreaterThan(0);
  expect
    .soft(
      stops.filter((s) => !s.visible).map((s) => s.what),
      `${name}: focus not visible on`,
    )
    .toEqual([]);
  expect.soft(unreached, `${name}: not reachable with Tab`).toEqual([]);
}

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("accessibility sweep: axe-core on every page, keyboard reach and visible focus", () => {
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // bypassCSP: axe is injected as a script tag, and our pages run only scripts with the response's nonce.
    ctx = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page = await ctx.newPage();
    const c = await rest.call("POST", "/api/cases", {
      key: a.agentKey,
      body: {
        question: `Accessibility sweep: can I return an opened box? ${tag()}`,
        timeoutSeconds: 55,
        priority: 5,
        urgency: "high",
        callId: "call_a11y",
        context: "Bought 3 days ago.",
        callerInfo: { name: "Ada Lovelace", phone: "+14155550100" },
        conversationHistory: [{ role: "user", content: "Hi" }],
      },
    });
    caseId = c.json.id;
  });
  afterAll(async () => {
    await rest.call("POST", `/api/cases/${caseId}/cancel`, { key: a.agentKey }).catch(() => {});
    await browser?.close();
  });

  it("signed out: the home page and sign-in", async () => {
    for (const path of ["/", "/login"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await check(page, path);
    }
  });

  it("the console: queue, an open case, the shortcuts dialog, history, canned replies", async () => {
    await signIn(page, a.adminEmail, a.adminPassword, "/console");
    await page.getByRole("heading", { name: /^Queue/ }).waitFor();
    await page.locator("[data-queue-row]").first().waitFor();
    await check(page, "/console");
    await page.goto(`/console?case=${caseId}`);
    await page.locator("#case-question").waitFor();
    await check(page, "/console (a case open)");
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    for (const path of ["/console/history", "/console/canned-replies"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await check(page, path);
    }
  });

  it("every admin page in the admin menu (pages added later are swept too), and a confirm dialog", async () => {
    await page.goto("/admin");
    const nav = page.getByRole("navigation", { name: "Admin sections" });
    await nav.waitFor();
    const paths = await nav.locator("a").evaluateAll((els) => els.map((e) => new URL((e as HTMLAnchorElement).href).pathname));
    expect(paths).toEqual(
      expect.arrayContaining(["/admin", "/admin/metrics", "/admin/keys", "/admin/members", "/admin/calls", "/admin/credits"]),
    );
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await check(page, path);
    }
    // A call's page: place one on the simulator (its page renders from the first status on).
    const mcp = await connectModern(baseUrl, a.callsKey);
    const placed = await mcp.callTool("make_phone_call", {
      phoneNumber: "+14155550123",
      task: "Accessibility sweep call.",
      record: true,
      maxDurationMinutes: 1,
    });
    await mcp.close();
    const callId =
      (placed.structuredContent as { callId?: string; id?: string }).callId ?? (placed.structuredContent as { id?: string }).id;
    expect(callId).toBeTruthy();
    await page.goto(`/admin/calls/${callId}`);
    await page.waitForLoadState("networkidle");
    await check(page, "/admin/calls/{id}");
    await page.goto("/admin/members");
    await page
      .getByRole("button", { name: /^Deactivate / })
      .first()
      .click();
    await page.getByRole("dialog").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
  });
});
