/**
 * A newcomer's first run, in a real browser at full typing speed: the embedded default with nobody signed up
 * → the setup page (from loopback, no token) → the first admin and an API key shown once → the console,
 * where "Send a test escalation" closes the loop → the home page → console ↔ admin → password change →
 * `switchboard members reset-password` while the app holds the embedded database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { api } from "./support/api";
import { launchBrowser, newContext, signIn, skipWithoutBrowser } from "./support/browser";
import { runCli, startFirstRunApp } from "./support/first-run-app";
import { requestWithHost } from "./support/host-request";
import { ConsolePage } from "./pages/console-page";
import { AdminMetricsPage } from "./pages/admin-metrics-page";

const EMAIL = "ana@first-run.test";
const FIRST_PASSWORD = "first password 123";
const NEW_PASSWORD = "second password 456";

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("first run without the terminal", () => {
  let fr: Awaited<ReturnType<typeof startFirstRunApp>>;
  let browser: Browser;
  let ctx: BrowserContext;
  let consolePage: Page;
  let apiKey = "";

  beforeAll(async () => {
    fr = await startFirstRunApp();
    browser = await launchBrowser();
    ctx = await newContext(browser, fr.app.baseUrl);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await fr?.close();
  });

  it("before anyone signs up: the demo account is seeded (no member), and setup refuses a request relayed by a proxy", async () => {
    const demoKey = /API key \([^)]*\): (sb_[0-9a-f]{12}_\S+)/.exec(fr.app.logs())?.[1];
    expect(demoKey, fr.app.logs()).toBeTruthy();
    expect((await api(fr.app.baseUrl).call("GET", "/api/presence", { key: demoKey })).status).toBe(200);
    expect(fr.app.logs()).toMatch(/No admin yet: open http:\/\/127\.0\.0\.1:\d+\/ in a browser/);
    expect(fr.app.logs()).not.toMatch(/sign-in:/i); // no password in the terminal any more
    const login = await fetch(`${fr.app.baseUrl}/login`, { redirect: "manual" });
    expect(login.headers.get("location")).toMatch(/\/setup$/);
    // A reverse proxy on this host makes every visitor look local; it says so with X-Forwarded-For.
    const relayed = await api(fr.app.baseUrl).call("POST", "/api/setup", {
      body: { email: "mallory@example.test", password: "long enough password" },
      headers: { origin: fr.app.baseUrl, "x-forwarded-for": "203.0.113.9" },
    });
    expect(relayed.status).toBe(403);
    expect(relayed.json.error.message).toMatch(/token: required/);
  });

  it("a page on another name rebound to 127.0.0.1 (DNS rebinding) can neither see setup nor become the first admin", async () => {
    const evil = `evil.example:${fr.app.port}`;
    const setup = await requestWithHost(fr.app.baseUrl, {
      method: "POST",
      path: "/api/setup",
      host: evil,
      headers: { origin: `http://${evil}`, "content-type": "application/json" },
      body: JSON.stringify({ email: "mallory@example.test", password: "long enough password" }),
    });
    expect([setup.status, JSON.parse(setup.text).error.message]).toEqual([403, expect.stringMatching(/not this deployment/)]);
    expect(setup.headers["set-cookie"]).toBeUndefined();
    for (const path of ["/setup", "/", "/login", "/console", "/admin"]) {
      const page = await requestWithHost(fr.app.baseUrl, { path, host: evil });
      expect([path, page.status]).toEqual([path, 403]);
      expect(page.text).not.toMatch(/Create admin/);
    }
    // Still nobody: this machine's browser is sent to setup.
    const login = await fetch(`${fr.app.baseUrl}/login`, { redirect: "manual" });
    expect(login.headers.get("location")).toMatch(/\/setup$/);
  });

  it("opening the app shows setup; it creates the admin, shows the key once with copy buttons, and signs them in", async () => {
    const page = await ctx.newPage();
    await page.goto("/");
    await page.waitForURL(/\/setup$/);
    await expect(page.getByLabel("Setup token").count()).resolves.toBe(0); // loopback on the embedded default
    expect(await page.getByText("Nobody can sign in yet").count()).toBe(1);
    await page.getByLabel("Your email").fill(EMAIL);
    await page.getByLabel(/Your name/).fill("Ana");
    await page.getByLabel("Password (at least 8 characters)").fill(FIRST_PASSWORD);
    await page.getByLabel("Password again").fill(FIRST_PASSWORD);
    await page.getByRole("button", { name: "Create admin and API key" }).click();
    const key = page.getByTestId("setup-api-key");
    await key.waitFor();
    apiKey = (await key.textContent())!.trim();
    expect(apiKey).toMatch(/^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByTestId("setup-mcp-url").textContent()).toBe(`${fr.app.baseUrl}/api/mcp`);
    expect(await page.getByRole("button", { name: "Copy key to clipboard" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Copy URL to clipboard" }).count()).toBe(1);
    // The page no longer says what stopped being true: they are signed in now.
    expect(await page.getByText(/You are signed in as ana@first-run\.test/).count()).toBe(1);
    expect(await page.getByText("Nobody can sign in yet").count()).toBe(0);
    // The key works for an agent; the page will never show it again.
    expect((await api(fr.app.baseUrl).call("GET", "/api/presence", { key: apiKey })).status).toBe(200);
    await page.reload();
    await page.waitForURL(/\/login$/);
    expect(await page.content()).not.toContain(apiKey);
    // Setup is over for everyone, loopback included.
    const again = await api(fr.app.baseUrl).call("POST", "/api/setup", {
      body: { email: "second@example.test", password: "long enough password" },
      headers: { origin: fr.app.baseUrl },
    });
    expect(again.status).toBe(409);
    await page.close();
  });

  it("the Quick start's keys, typed the moment the notice shows, close the loop; a further Enter claims nothing finished", async () => {
    consolePage = await ctx.newPage();
    await consolePage.goto("/console"); // signed in by setup
    const cp = ConsolePage.of(consolePage);
    await consolePage.getByRole("heading", { name: /^Queue/ }).waitFor();
    // The open console counts its member as online (its first heartbeat), so the test agent will wait for an answer.
    await cp.onlineCount.filter({ hasText: /^1 online/ }).waitFor();
    const refusedClaims = cp.countClaimResponses(409);
    await cp.sendTestButton.click();
    // The notice is the cue to start typing: the case is in the queue by then, never after it.
    expect((await cp.waitForTestAgentNotice()).rowsWhenShown).toBe(1);
    const answer = "Yes, 9 am to 1 pm on Sundays.";
    await cp.answerByKeyboard(answer); // no click, no focusing a row: keys only, as the README says
    await cp.testHeard.waitFor({ timeout: 30_000 });
    expect(await cp.testHeard.textContent()).toBe(answer);
    expect(await cp.testStatus.textContent()).toMatch(/The loop is closed/);
    // The answered case is finished: Enter now says there is nothing to claim rather than trying to claim it.
    await cp.press("Enter");
    await consolePage
      .getByRole("status")
      .filter({ hasText: /^Nothing to claim/ })
      .waitFor();
    expect(refusedClaims()).toBe(0);
    await cp.queueCounts.filter({ hasText: /^0 waiting · 0 unclaimed$/ }).waitFor();
    expect(await cp.sendTestButton.isEnabled()).toBe(true); // ready for another try
  });

  it("HITL metrics: the console's test escalation is counted apart; an agent's escalation is '1 escalation', answered", async () => {
    const rest = api(fr.app.baseUrl);
    const asked = await rest.call("POST", "/api/cases", { key: apiKey, body: { question: "Is the Elm Street branch open on Sunday?" } });
    expect(asked.status).toBe(201);
    expect((await rest.answer(apiKey, asked.json.id, "Yes, 10 am to 4 pm.")).status).toBe(201);
    const page = await ctx.newPage();
    const metrics = new AdminMetricsPage(page);
    await metrics.goto();
    await page
      .getByRole("status")
      .filter({ hasText: /^1 escalation from / })
      .waitFor();
    expect(await page.getByTestId("metrics-tests").textContent()).toMatch(/1 test escalation from the console is not counted/);
    expect(await page.locator('[data-tile="escalations"] .v').textContent()).toBe("1");
    expect(await page.locator('[data-tile="answered"] .v').textContent()).toBe("1");
    expect(await metrics.outcomeCount("Answered").textContent()).toBe("1");
    expect(await metrics.outcomeCount("No outcome yet").textContent()).toBe("0");
    await page.close();
  });

  it("the home page says what this is, who is online, the MCP URL, and links to the console and admin", async () => {
    const home = await ctx.newPage();
    await home.goto("/");
    await home.getByRole("heading", { name: "Switchboard", level: 1 }).waitFor();
    expect(await home.getByText(/Puts a person on the line for AI voice agents/).count()).toBe(1);
    expect(await home.getByTestId("home-mcp-url").textContent()).toBe(`${fr.app.baseUrl}/api/mcp`);
    expect(await home.getByTestId("home-presence").textContent()).toMatch(/^1 person is online/); // the console open in another tab
    await home.getByRole("link", { name: "Admin", exact: true }).click();
    await home.waitForURL(/\/admin$/);
    await home.goto("/");
    await home.getByRole("link", { name: "Operator console" }).click();
    await home.waitForURL(/\/console$/);
    await home.close();
  });

  it("the console links to admin and admin back to the console", async () => {
    await consolePage.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Admin" }).click();
    await consolePage.waitForURL(/\/admin$/);
    await consolePage.getByRole("link", { name: "Operator console" }).click();
    await consolePage.waitForURL(/\/console$/);
    await consolePage.getByRole("heading", { name: /^Queue/ }).waitFor();
  });

  it("password change (current password required) signs out other sessions; the old password stops working", async () => {
    const elsewhere = await newContext(browser, fr.app.baseUrl);
    const other = await elsewhere.newPage();
    await signIn(other, EMAIL, FIRST_PASSWORD);
    expect((await other.request.get("/api/cases?status=open")).status()).toBe(200);

    await consolePage.getByRole("link", { name: /Ana/ }).click(); // the name in the top bar
    await consolePage.waitForURL(/\/account\/password$/);
    await consolePage.getByLabel("Current password").fill("not my password");
    await consolePage.getByLabel("New password (at least 8 characters)").fill(NEW_PASSWORD);
    await consolePage.getByLabel("New password again").fill(NEW_PASSWORD);
    await consolePage.getByRole("button", { name: "Change password" }).click();
    await consolePage
      .getByRole("alert")
      .filter({ hasText: /currentPassword: is not your current password/ })
      .waitFor();
    await consolePage.getByLabel("Current password").fill(FIRST_PASSWORD);
    await consolePage.getByLabel("New password (at least 8 characters)").fill(NEW_PASSWORD);
    await consolePage.getByLabel("New password again").fill(NEW_PASSWORD);
    await consolePage.getByRole("button", { name: "Change password" }).click();
    await consolePage.getByRole("status").filter({ hasText: "Password changed. 1 other session signed out." }).waitFor();

    expect((await other.request.get("/api/cases?status=open")).status()).toBe(401); // the other session ended
    expect((await consolePage.request.get("/api/cases?status=open")).status()).toBe(200); // this one stays
    const login = (password: string) =>
      api(fr.app.baseUrl).call("POST", "/api/auth/login", { body: { email: EMAIL, password }, headers: { origin: fr.app.baseUrl } });
    expect((await login(FIRST_PASSWORD)).status).toBe(401);
    await signIn(other, EMAIL, NEW_PASSWORD);
    await other.waitForURL(/\/console$/);
    await elsewhere.close();
  });

  it("the CLI works while the app holds the embedded database: reset-password, keys list, setup-token", async () => {
    const reset = runCli(fr.env, "members", "reset-password", "--email", EMAIL);
    expect(reset.code, reset.stderr).toBe(0);
    const generated = reset.stdout.trim();
    expect(generated.length).toBeGreaterThanOrEqual(16);
    expect(reset.stderr).toMatch(/New password for ana@first-run\.test .*session\(s\) ended/);
    // Every session of the member ended, the browser's included; the new password signs in, the previous one not.
    expect((await consolePage.request.get("/api/cases?status=open")).status()).toBe(401);
    const login = (password: string) =>
      api(fr.app.baseUrl).call("POST", "/api/auth/login", { body: { email: EMAIL, password }, headers: { origin: fr.app.baseUrl } });
    expect((await login(NEW_PASSWORD)).status).toBe(401);
    expect((await login(generated)).status).toBe(200);

    const keys = runCli(fr.env, "keys", "list");
    expect(keys.code, keys.stderr).toBe(0);
    expect(keys.stdout).toContain("First agent key");
    expect(keys.stdout).toContain(apiKey.slice(0, 15));
    const token = runCli(fr.env, "setup-token");
    expect(token.code).toBe(1);
    expect(token.stderr).toMatch(/already set up/);
  });
});
