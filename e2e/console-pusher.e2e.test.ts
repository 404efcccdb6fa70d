import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PusherStandin } from "../tests/support/pusher-standin";
import { ConsolePage } from "./pages/console-page";
import { structured } from "./support/api";
import type { RunningApp } from "./support/app-server";
import { startPusherApp } from "./support/realtime-standins";
import { launchBrowser, skipWithoutBrowser } from "./support/browser";
import { connectModern, type McpTestClient } from "./support/mcp-clients";

const { a, appEnv } = inject("e2e");
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });

// A second `next start` of the same build needs a database it can share: the embedded PGlite directory is
// locked by the first instance, so this runs where DATABASE_URL is set (CI, and any PostgreSQL setup).
// It also needs Chromium (skipped without it outside CI, like every browser spec).
describe.skipIf(!appEnv.DATABASE_URL || skipWithoutBrowser)("operator console with REALTIME_DRIVER=pusher (local Pusher stand-in)", () => {
  let standin: PusherStandin;
  let app: RunningApp;
  let browser: Browser;
  let op: ConsolePage;
  let op2: ConsolePage;
  let agent: McpTestClient;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // Same build, different runtime configuration: the browser learns the driver from the page's props.
    ({ app, standin, stop } = await startPusherApp(appEnv));
    browser = await launchBrowser();
    [op, op2] = await Promise.all([
      ConsolePage.open(browser, app.baseUrl, a.operatorEmail, a.operatorPassword),
      ConsolePage.open(browser, app.baseUrl, a.operator2Email, a.operator2Password),
    ]);
    agent = await connectModern(app.baseUrl, a.agentKey);
  });
  afterAll(async () => {
    await agent?.close();
    await browser?.close();
    await stop?.();
  });

  it("the browsers subscribe to the account's private channel through our auth endpoint", async () => {
    await poll(() => standin.subscribers(`private-account-${a.accountId}`)).toBeGreaterThanOrEqual(2);
    expect(standin.seen.subscriptions.filter((s) => s.channel === `private-account-${a.accountId}` && !s.ok)).toEqual([]);
    await poll(() => op.page.getByTestId("feed-status").textContent()).toBe("Live");
  });

  it("a case appears live, is claimed and answered by keyboard, the MCP call returns that answer, and the second operator sees it all live", async () => {
    const question = `Pusher path: is parking free after 6 pm? ${randomUUID().slice(0, 8)}`;
    const answer = `Yes, after 6 pm parking is free. ${randomUUID().slice(0, 8)}`;
    const eventsBefore = standin.seen.events.length;
    const pending = agent.callTool("ask_human", { question, priority: 5, urgency: "high", timeoutSeconds: 55 });
    await Promise.all([op.waitForRow(question), op2.waitForRow(question)]);
    await op2.row(question).click();
    await op.selectWithKeyboard(question);
    await op.press("Enter");
    await poll(() => op.caseStatus.textContent()).toBe("Claimed by You");
    await poll(() => op2.caseStatus.textContent()).toBe("Claimed by operator-alpha");
    await op.type(answer);
    await op.press("Control+Enter");
    expect(structured(await pending)).toMatchObject({ status: "answered", answer });
    await poll(() => op2.caseStatus.textContent()).toBe("Answered by operator-alpha");
    await op2.waitForRowGone(question);
    // The updates really went through the Pusher stand-in, carrying ids only — never the question or answer.
    const sent = standin.seen.events.slice(eventsBefore);
    expect(sent.map((e) => JSON.parse(e.data).type)).toEqual(expect.arrayContaining(["case.created", "case.claimed", "case.answered"]));
    expect(JSON.stringify(sent)).not.toContain(answer);
    expect(JSON.stringify(sent)).not.toContain(question);
  });
});
