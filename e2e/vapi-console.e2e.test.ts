import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api } from "./support/api";
import { launchBrowser, signIn, skipWithoutBrowser } from "./support/browser";
import { startVapiStandin, type VapiStandin } from "../tests/support/vapi-standin";

/**
 * On the built app, tenant b: a Vapi-shaped tool-calls request (HMAC-signed, with a live call's control URL on the
 * Vapi stand-in) escalates; an operator answers it in the console (Chromium) and Vapi gets the answer as its result.
 * A second request whose wait ran out gets its late answer spoken into the still-live call through the control
 * URL, and the console says so.
 */
const { baseUrl, b } = inject("e2e");
const rest = api(baseUrl);
const SECRET = `vapi_e2e_${randomUUID().replace(/-/g, "")}`;
const tag = () => randomUUID().slice(0, 8);
const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

describe.skipIf(skipWithoutBrowser)("Vapi tool calls answered in the console", () => {
  let browser: Browser;
  let standin: VapiStandin;
  let page: Page;

  beforeAll(async () => {
    standin = await startVapiStandin({ apiKey: "vapi_private_e2e_0123456789" });
    browser = await launchBrowser();
    const ctx = await browser.newContext({ baseURL: baseUrl });
    page = await ctx.newPage();
    await signIn(page, b.operatorEmail, b.operatorPassword, "/console");
    await page.getByRole("heading", { name: /^Queue/ }).waitFor();
    for (let i = 0; i < 100 && (await rest.call("GET", "/api/presence", { key: b.answerKey })).json.online < 1; i++)
      await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await browser?.close();
    await standin?.close();
    await rest.call("DELETE", "/api/settings/vapi", { key: b.adminKey });
  });

  const toolCall = (callId: string, question: string) => {
    const raw = JSON.stringify(standin.toolCalls(callId, [{ id: `tc_${tag()}`, name: "ask_human", arguments: { question } }]));
    return rest.call("POST", "/api/vapi/tools", { key: b.agentKey, raw, headers: standin.signed(raw, SECRET) });
  };
  async function answerInConsole(question: string, answer: string) {
    const row = page.locator("[data-queue-row]", { hasText: question });
    await row.waitFor();
    await row.click();
    await poll(() => page.locator("#case-question").textContent()).toBe(question);
    await page.getByRole("button", { name: "Claim (Enter)" }).click();
    await poll(() => page.getByTestId("case-status").textContent()).toBe("Claimed by You");
    await page.getByLabel("Your answer").fill(answer);
    await page.getByRole("button", { name: "Send answer" }).click();
  }

  it("escalates, is answered in the console, and returns the answer as Vapi's tool result", async () => {
    const put = await rest.call("PUT", "/api/settings/vapi", { key: b.adminKey, body: { serverSecret: SECRET, waitSeconds: 45 } });
    expect(put.status, put.text).toBe(200);
    expect(put.text).not.toContain(SECRET);
    const unsigned = await rest.call("POST", "/api/vapi/tools", {
      key: b.agentKey,
      raw: JSON.stringify(standin.toolCalls(`call_${tag()}`, [{ id: "tc_x", name: "ask_human", arguments: { question: "x?" } }])),
    });
    expect(unsigned.status).toBe(401);

    const call = standin.startCall(`call_${tag()}`);
    const question = `Does the spa take walk-ins? ${tag()}`;
    const answer = `Yes, until 6 pm. ${tag()}`;
    const pending = toolCall(call.id, question);
    await answerInConsole(question, answer);
    const res = await pending;
    expect(res.status, res.text).toBe(200);
    expect(res.json.results).toHaveLength(1);
    expect(JSON.parse(res.json.results[0].result)).toMatchObject({ status: "answered", answer, message: answer });
  }, 60_000);

  it("a late answer is spoken into the live call through its control URL, and the console says so", async () => {
    expect((await rest.call("PUT", "/api/settings/vapi", { key: b.adminKey, body: { waitSeconds: 5 } })).status).toBe(200);
    const call = standin.startCall(`call_${tag()}`);
    const question = `Is the sauna mixed on Tuesdays? ${tag()}`;
    const answer = `No — women only until noon. ${tag()}`;
    const res = await toolCall(call.id, question);
    expect(JSON.parse(res.json.results[0].result)).toMatchObject({ status: "pending" });
    await answerInConsole(question, answer);
    await poll(() => standin.spoken.get(call.id)?.[0]?.content ?? "").toContain(answer);
    // The operator sees how the answer reached the caller: on the case in the console's history.
    await page.goto("/console/history");
    const row = page.locator("[data-history-row]", { hasText: question });
    await row.waitFor();
    await poll(() => row.getByTestId("late-answer-delivery").textContent()).toMatch(/Spoken on the live call/);
  }, 60_000);
});
