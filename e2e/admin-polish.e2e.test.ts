import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api } from "./support/api";
import { login } from "./support/rest-helpers";
import { launchBrowser, newContext, signIn, skipWithoutBrowser } from "./support/browser";
import { AdminMetricsPage } from "./pages/admin-metrics-page";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);
const tag = () => randomUUID().slice(0, 8);
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("admin and console, consistent and readable (real browser)", () => {
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ctx = await newContext(browser, baseUrl, { width: 1280, height: 800 });
    page = await ctx.newPage();
    await signIn(page, a.adminEmail, a.adminPassword, "/admin");
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the sign-in page names the product", async () => {
    const signedOut = await (await newContext(browser, baseUrl)).newPage();
    await signedOut.goto("/login");
    const main = signedOut.locator("main");
    expect(await main.textContent()).toMatch(/^\W*Switchboard\s*Put a human on the line/);
    expect(await signedOut.title()).toBe("Sign in · Switchboard");
    await signedOut.context().close();
  });

  it("metrics: the 7-day default has a bar per day, 24 h a bar per hour; p50 sits on a bar with answers; still-open cases are counted; people and API keys are told apart", async () => {
    const stillOpen = await rest.call("POST", "/api/cases", { key: a.agentKey, body: { question: `Metrics: left open ${tag()}` } });
    const byKey = await rest.call("POST", "/api/cases", { key: a.agentKey, body: { question: `Metrics: a bridge answers ${tag()}` } });
    expect((await rest.answer(a.answerKey, byKey.json.id, "From the bridge.")).status).toBeLessThan(300);
    const byPerson = await rest.call("POST", "/api/cases", { key: a.agentKey, body: { question: `Metrics: a person answers ${tag()}` } });
    const session = await login(baseUrl, a.operatorEmail, a.operatorPassword);
    const res = await fetch(`${baseUrl}/api/cases/${byPerson.json.id}/messages`, {
      method: "POST",
      headers: { cookie: session.cookie, origin: baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ content: "From a person." }),
    });
    expect(res.status).toBeLessThan(300);

    const metrics = new AdminMetricsPage(page);
    await metrics.goto();
    const volume = metrics.chart("volume");
    await volume.getByRole("heading", { name: "Escalations per day" }).waitFor();
    // A 7-day window that starts mid-day touches 8 calendar days (UTC). Recharts draws its axis only after
    // the responsive container has measured itself, a frame or more after the heading appears: wait for it.
    const tickLocator = volume.locator(".recharts-xAxis .recharts-cartesian-axis-tick");
    await poll(() => tickLocator.count()).toBeGreaterThan(0);
    expect(await tickLocator.count()).toBeLessThanOrEqual(8);

    const data = await page.evaluate(async () => (await fetch("/api/metrics/hitl")).json());
    expect(data.volume.unit).toBe("day");
    expect(data.volume.points.length).toBeLessThanOrEqual(8);
    const p50 = data.timeToAnswer.buckets.find((b: { label: string }) => b.label === data.timeToAnswer.p50Bucket);
    expect(p50.count).toBeGreaterThan(0);
    await metrics
      .chart("time-to-answer")
      .locator("text", { hasText: new RegExp(`^p50 ${data.timeToAnswer.p50} s$`) })
      .waitFor();
    expect(data.stillOpen).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-tile="still-open"] .v').textContent()).toBe(String(data.stillOpen));

    const bridge = metrics.operatorRow("answer bridge");
    await bridge.waitFor();
    expect(await bridge.textContent()).toMatch(/API key/);
    expect(await metrics.operatorRow("operator-alpha").textContent()).toMatch(/person/);
    // The chart marks keys in words too, and its labels are not cut to a few letters.
    await metrics
      .chart("operators")
      .getByText(/answer bridge \(API key\)/)
      .first()
      .waitFor();

    await metrics.choosePreset("Last 24 hours");
    await volume.getByRole("heading", { name: "Escalations per hour" }).waitFor();
    await rest.call("POST", `/api/cases/${stillOpen.json.id}/cancel`, { key: a.agentKey });
  });

  it("canned replies: the console's page and the admin's are the same form, table and buttons", async () => {
    const shortcut = `same${tag()}`;
    // Only this test's row: other specs change this tenant's replies at the same time.
    const shape = () =>
      page.evaluate(
        (sc) => ({
          h1: document.querySelector("h1")?.textContent,
          labels: [...document.querySelectorAll("form[aria-label='New canned reply'] label")].map((l) => l.textContent),
          buttons: [...document.querySelectorAll(`form[aria-label='New canned reply'] button, tr[data-shortcut="${sc}"] button`)].map(
            (b) => `${b.textContent}|${b.className}`,
          ),
        }),
        shortcut,
      );
    await page.goto("/console/canned-replies");
    await page.getByLabel("Shortcut (typed as /shortcut)").fill(shortcut);
    await page.getByLabel("Reply", { exact: true }).fill("Same on both pages.");
    await page.getByRole("button", { name: "Add reply" }).click();
    await page.locator(`tr[data-shortcut="${shortcut}"]`).waitFor();
    const inConsole = await shape();
    await page.goto("/admin/canned-replies");
    await page.locator(`tr[data-shortcut="${shortcut}"]`).waitFor();
    const inAdmin = await shape();
    expect(inAdmin).toEqual(inConsole);
    expect(inConsole.buttons).toContain("Add reply|ui-btn ui-btn-primary");
    // Deleting asks in the shared dialog, then the row goes.
    await page.getByRole("button", { name: `Delete /${shortcut}` }).click();
    await page
      .getByRole("dialog", { name: `Delete /${shortcut}?` })
      .getByRole("button", { name: "Delete" })
      .click();
    await page.locator(`tr[data-shortcut="${shortcut}"]`).waitFor({ state: "detached" });
  });

  it("counts read as English ('1 admin'), and a key's name has room", async () => {
    await page.goto("/admin");
    const line = (await page.getByText(/\d+ operators? and \d+ admins? active/).textContent())!;
    for (const [, n, noun] of line.matchAll(/(\d+) (operators?|admins?)/g)) expect(noun!.endsWith("s")).toBe(n !== "1");
    await page.goto("/admin/keys");
    const name = page.getByLabel("Name", { exact: true });
    expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(320);
    await name.fill(`A descriptive key name for the Retell production agent ${tag()}`);
    expect(await name.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  });

  it("one set of primitives: the same button classes on console and admin", async () => {
    await page.goto("/console");
    await page.getByRole("heading", { name: /^Queue/ }).waitFor();
    await poll(() => page.getByRole("button", { name: "Sign out" }).getAttribute("class")).toMatch(/\bui-btn\b/);
    await page.goto("/admin/members");
    expect(await page.getByRole("button", { name: "Add member" }).getAttribute("class")).toMatch(/\bui-btn ui-btn-primary\b/);
    expect(await page.getByRole("button", { name: "Sign out" }).getAttribute("class")).toMatch(/\bui-btn\b/);
  });
});
