import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, structured } from "./support/api";
import { launchBrowser, signIn, skipWithoutBrowser } from "./support/browser";
import { connectModern, type McpTestClient } from "./support/mcp-clients";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);
const tag = () => randomUUID().slice(0, 8);
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("the console on a phone (390×844, touch)", () => {
  let browser: Browser;
  let agent: McpTestClient;

  beforeAll(async () => {
    browser = await launchBrowser();
    agent = await connectModern(baseUrl, a.agentKey);
  });
  afterAll(async () => {
    await agent?.close();
    await browser?.close();
  });

  it("an operator taps a case, claims it, types the answer at full speed and sends it; ask_human gets exactly that", async () => {
    const ctx = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await ctx.newPage();
    await signIn(page, a.operatorEmail, a.operatorPassword, "/console");
    await page.getByRole("heading", { name: /^Queue/ }).waitFor();
    // The team must count as online, or ask_human answers "unavailable" at once.
    for (let i = 0; i < 100 && (await rest.call("GET", "/api/presence", { key: a.answerKey })).json.online < 1; i++)
      await new Promise((r) => setTimeout(r, 100));

    const question = `On my phone: is the car park free after 6 pm? ${tag()}`;
    const answer = `Yes — free after 6 pm, and on Sundays all day. ${tag()}`;
    const pending = agent.callTool("ask_human", { question, timeoutSeconds: 55, callerInfo: { name: "Mo Bile" } });
    const row = page.locator("[data-queue-row]", { hasText: question });
    await row.waitFor();
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await row.tap();
    // The case takes the whole screen; the queue steps aside.
    await poll(() => page.locator("#case-question").textContent()).toBe(question);
    expect(await row.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Claim (Enter)" }).tap();
    await poll(() => page.getByTestId("case-status").textContent()).toBe("Claimed by You");
    const reply = page.getByLabel("Your answer");
    await reply.tap();
    await page.keyboard.type(answer);
    expect(await reply.inputValue()).toBe(answer);
    const send = page.getByRole("button", { name: "Send answer" });
    await send.scrollIntoViewIfNeeded();
    const box = await send.boundingBox();
    // A thumb-sized target that fits the screen.
    expect(box && box.height >= 32 && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await send.tap();
    expect(structured(await pending)).toMatchObject({ status: "answered", answer });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ctx.close();
  });
});
