import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, newContext, screenshotPath, signIn, skipWithoutBrowser } from "./support/browser";
import { api } from "./support/api";
import { connectModern, type McpTestClient, type ToolCallResult } from "./support/mcp-clients";
import { AdminCallsPage } from "./pages/admin-calls-page";
import { AdminCreditsPage } from "./pages/admin-credits-page";

const { baseUrl, a, b } = inject("e2e");
const rest = api(baseUrl);
const sc = (r: ToolCallResult) => r.structuredContent as any;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("admin calls and credits in a real browser", () => {
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let mcp: McpTestClient;
  let callId: string;
  // A number of its own (the simulator completes anything not ending in 0000/1111/9999/7777), so the filter finds just this call.
  const number = `+1415${String(Math.floor(1_000_000 + Math.random() * 8_000_000))}`;
  const task = `Confirm the delivery window for order ${randomUUID().slice(0, 6)}.`;

  beforeAll(async () => {
    mcp = await connectModern(baseUrl, a.callsKey);
    const placed = await mcp.callTool("make_phone_call", { phoneNumber: number, task, record: true, maxDurationMinutes: 3 });
    expect(placed.isError, JSON.stringify(placed.content)).toBeFalsy();
    callId = sc(placed).callId ?? sc(placed).id;
    for (let i = 0; ; i++) {
      const s = sc(await mcp.callTool("get_call_status", { callId })).status;
      if (s === "completed") break;
      if (i > 100) throw new Error(`call still ${s}`);
      await sleep(300);
    }
    browser = await launchBrowser();
    admin = await newContext(browser, baseUrl);
    page = await admin.newPage();
    await signIn(page, a.adminEmail, a.adminPassword, "/admin");
  });
  afterAll(async () => {
    await mcp?.close();
    await browser?.close();
  });

  it("an admin finds the simulated call by number and status, reads the transcript and plays the recording", async () => {
    const calls = new AdminCallsPage(page);
    await calls.goto();
    await calls.filter({ status: "completed", number });
    await expect(calls.rows().count()).resolves.toBe(1);
    await expect(calls.row(callId).textContent()).resolves.toContain("completed");
    // Another status filter hides it.
    await calls.filter({ status: "failed" });
    await expect(calls.row(callId).count()).resolves.toBe(0);
    await calls.filter({ status: "" });
    await calls.open(callId);

    const details = (await rest.call("GET", `/api/calls/${callId}`, { key: a.callsKey })).json;
    expect(details.transcript.length).toBeGreaterThan(1);
    await expect(calls.transcriptTurns().count()).resolves.toBe(details.transcript.length);
    await expect(calls.transcriptTurns().first().textContent()).resolves.toContain(details.transcript[0].text);
    await expect(calls.fact("Cost").textContent()).resolves.toBe(`${details.cost} credits`);
    expect(await calls.events().count()).toBeGreaterThanOrEqual(2);

    const audio = await calls.audioLoaded();
    expect(audio.readyState).toBeGreaterThanOrEqual(1);
    // The simulator's recording is a placeholder, and the page says so (with the call's real length).
    expect(Math.abs(audio.duration - 4)).toBeLessThan(0.5);
    await expect(page.getByTestId("recording-note").textContent()).resolves.toMatch(
      new RegExp(`Simulated call: this recording is a 4-second placeholder .* this ${details.durationSeconds} s call`),
    );
    await page.screenshot({ path: screenshotPath("admin-call"), fullPage: true });
  });

  it("another tenant's call is a 404 in the admin pages", async () => {
    const other = await newContext(browser, baseUrl);
    const p = await other.newPage();
    await signIn(p, b.adminEmail, b.adminPassword, "/admin");
    const res = await p.goto(`/admin/calls/${callId}`);
    expect(res?.status()).toBe(404);
    await p.goto(`/admin/calls?number=${encodeURIComponent(number)}`);
    await expect(p.locator(`tr[data-call-id="${callId}"]`).count()).resolves.toBe(0);
    await other.close();
  });

  it("an admin adds credits: the balance changes and the ledger says who and why", async () => {
    const credits = new AdminCreditsPage(page);
    await credits.goto();
    const before = await credits.balance();
    const reason = `e2e top-up ${randomUUID().slice(0, 6)}`;
    const after = await credits.add(25, reason);
    expect(after).toBe(before + 25);
    const top = credits.ledgerRows().first();
    await expect(top.textContent()).resolves.toContain(reason);
    await expect(top.textContent()).resolves.toContain("+25");
    await expect(top.textContent()).resolves.toMatch(/admin-alpha/);
    expect(sc(await mcp.callTool("get_credits", {})).balance).toBe(after);
    // The call's settlement is in the ledger too, linked to the call.
    await expect(page.locator(`a[href="/admin/calls/${callId}"]`).count()).resolves.toBeGreaterThan(0);
  });

  it("an admin allows late-answer callbacks for hitl:ask keys to listed prefixes; the REST setting says so and is admin-only", async () => {
    const credits = new AdminCreditsPage(page);
    await credits.goto();
    await credits.setCallbackPolicy(true, "+1415, +44");
    const read = await rest.call("GET", "/api/settings/callbacks", { key: a.adminKey });
    expect(read.json).toEqual({ askKeyCallbacksEnabled: true, callbackNumberPrefixes: ["+1415", "+44"] });
    expect((await rest.call("GET", "/api/settings/callbacks", { key: a.callsKey })).status).toBe(403);
    await page.reload();
    await expect(page.getByLabel("Allowed number prefixes").inputValue()).resolves.toBe("+1415, +44");
    await credits.setCallbackPolicy(false, "");
    expect((await rest.call("GET", "/api/settings/callbacks", { key: a.adminKey })).json.askKeyCallbacksEnabled).toBe(false);
  });

  it("the dead-letters page lists (none here) and the REST list is admin-only", async () => {
    await page.goto("/admin/dead-letters");
    await page.getByRole("heading", { name: "Dead letters" }).waitFor();
    expect((await rest.call("GET", "/api/dead-letters", { key: a.adminKey })).status).toBe(200);
    expect((await rest.call("GET", "/api/dead-letters", { key: a.callsKey })).status).toBe(403);
  });
});
