/**
 * The console's test loop on a phone-sized window (390 px), in Chromium, on an app of its own (an empty
 * queue): a test agent that stops waiting leaves no case behind and no button hidden; the queue's "waiting"
 * counts only cases whose agent is still on the line; and the whole loop runs on the keyboard at full speed
 * with every control of the console in view.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsolePage } from "./pages/console-page";
import { api } from "./support/api";
import { launchBrowser, screenshotPath, skipWithoutBrowser } from "./support/browser";
import { startIsolatedApp } from "./support/isolated-app";
import { clippedControls } from "./support/layout";

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("console test loop at 390 px", () => {
  let app: Awaited<ReturnType<typeof startIsolatedApp>>;
  let browser: Browser;
  let cp: ConsolePage;

  beforeAll(async () => {
    app = await startIsolatedApp();
    browser = await launchBrowser();
    cp = await ConsolePage.open(browser, app.baseUrl, app.adminEmail, app.adminPassword, { width: 390, height: 844 });
    await cp.onlineCount.filter({ hasText: /^1 online/ }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("the empty queue fits the window: every control in view", async () => {
    await cp.sendTestButton.waitFor();
    await cp.page.screenshot({ path: screenshotPath("console-390-empty"), fullPage: true });
    expect(await clippedControls(cp.page)).toEqual([]);
  });

  it("a test agent that stops waiting takes its case along: nothing counted as waiting, the button back for a retry", async () => {
    // The same request the button sends, with the shortest wait the API allows, from this signed-in browser.
    const sent = cp.page.request.post("/api/test-escalation", {
      data: { timeoutSeconds: 5 },
      headers: { origin: app.baseUrl }, // what the browser sends with the button's fetch
      timeout: 60_000,
    });
    await cp.waitForRow("Test escalation");
    await cp.queueCounts.filter({ hasText: /^1 waiting · 1 unclaimed$/ }).waitFor();
    const heard = await (await sent).json();
    expect(heard.status).toBe("pending");
    await cp.waitForRowGone("Test escalation");
    await cp.queueCounts.filter({ hasText: /^0 waiting · 0 unclaimed$/ }).waitFor();
    await cp.sendTestButton.waitFor();
    expect(await cp.sendTestButton.isEnabled()).toBe(true);
  });

  it("a case whose agent gave up stays in the queue to answer, but is no longer counted as waiting", async () => {
    const rest = api(app.baseUrl);
    const c = await rest.call("POST", "/api/cases", { key: app.key, body: { question: "Nobody waits for this one", timeoutSeconds: 5 } });
    expect(c.status).toBe(201);
    await cp.waitForRow("Nobody waits for this one");
    await cp.row("Nobody waits for this one").getByText("agent stopped waiting").waitFor({ timeout: 15_000 });
    await cp.queueCounts.filter({ hasText: /^0 waiting · 1 unclaimed$/ }).waitFor();
    expect((await rest.call("POST", `/api/cases/${c.json.id}/cancel`, { key: app.key })).status).toBe(200);
    await cp.waitForRowGone("Nobody waits for this one");
  });

  it("at 390 px the README's keys, typed the moment the notice shows, close the loop; the open case fits the window", async () => {
    const refusedClaims = cp.countClaimResponses(409);
    await cp.sendTestButton.click();
    expect((await cp.waitForTestAgentNotice()).rowsWhenShown).toBe(1);
    await cp.answerByKeyboard("Yes, 9 am to 1 pm on Sundays.");
    await cp.testHeard.waitFor({ timeout: 30_000 });
    expect(await cp.testHeard.textContent()).toBe("Yes, 9 am to 1 pm on Sundays.");
    await cp.page.screenshot({ path: screenshotPath("console-390-answered"), fullPage: true });
    expect(await clippedControls(cp.page)).toEqual([]);
    await cp.press("Enter");
    await cp.page
      .getByRole("status")
      .filter({ hasText: /^Nothing to claim/ })
      .waitFor();
    expect(refusedClaims()).toBe(0);
  });
});
