import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ConsolePage } from "./pages/console-page";
import { axeViolations } from "./support/a11y";
import { api, structured } from "./support/api";
import { newContext, signIn, skipWithoutBrowser } from "./support/browser";
import { openConsoleTeam, type ConsoleTeam } from "./support/console-team";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);
const tag = () => randomUUID().slice(0, 8);
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });
// Letters only: a question with digits in it may read as the caller's own booking, which is not saved by default.
const word = () => Array.from({ length: 10 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)]).join("");

/**
 * Answers with choices in the console: the agent's choices show as numbered buttons (and on the queue row);
 * a digit typed outside a text field sends that choice at once, claiming the case first, and the waiting
 * ask_human gets exactly that choice. A click does the same, on a laptop and on a phone.
 */
// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("console: answers with choices", () => {
  let team: ConsoleTeam;
  let op: ConsolePage;

  const memoryEntries = async (q?: string) =>
    (await rest.call("GET", `/api/memory?limit=200${q ? `&q=${encodeURIComponent(q)}` : ""}`, { key: a.adminKey })).json.entries as Array<{
      id: string;
      question: string;
      answer: string;
    }>;
  let memoryBefore = new Set<string>();

  beforeAll(async () => {
    team = await openConsoleTeam(baseUrl, a);
    op = team.op;
    memoryBefore = new Set((await memoryEntries()).map((e) => e.id));
  });
  afterAll(async () => {
    // Answers this file saved are removed, so no other file's agent is answered or prompted from them.
    for (const e of await memoryEntries())
      if (!memoryBefore.has(e.id)) await rest.call("DELETE", `/api/memory/${e.id}`, { key: a.adminKey });
    await team?.close();
  });

  /** Back to the queue with nothing open and focus out of any field, as an operator between cases. */
  async function toQueue() {
    await op.press("Escape");
    await op.press("Escape");
  }

  it("a digit pressed the moment the case appears in the queue answers it with that choice", async () => {
    const question = `Approve a 10% discount for order ${tag()}?`;
    const choices = ["Approve 10% discount", "Decline", "Offer free shipping"];
    const pending = team.agent.callTool("ask_human", { question, choices, choicesOnly: true, timeoutSeconds: 55 });
    await op.waitForRow(question);
    await toQueue();
    await op.selectWithKeyboard(question);
    await expect(op.row(question).getByTestId("row-choices").textContent()).resolves.toBe(
      "1 Approve 10% discount2 Decline3 Offer free shipping",
    );
    await op.press("2");
    expect(structured(await pending)).toMatchObject({ status: "answered", answer: "Decline", choice: "Decline", message: "Decline" });
    await op.waitForRowGone(question);
  });

  it("a digit on the queue keeps the choice as a reusable answer as the open case would; not when the question names the caller's booking", async () => {
    const w = word();
    const question = `Is the ${w} room quiet enough for a meeting?`;
    const pending = team.agent.callTool("ask_human", { question, choices: ["Yes, very quiet", "No, try upstairs"], timeoutSeconds: 55 });
    await op.waitForRow(question);
    await toQueue();
    await op.selectWithKeyboard(question);
    await op.press("2");
    expect(structured(await pending)).toMatchObject({ status: "answered", choice: "No, try upstairs" });
    await poll(async () => (await memoryEntries(w)).map((e) => [e.question, e.answer])).toEqual([[question, "No, try upstairs"]]);

    const v = word();
    const own = `Can I move my booking for the ${v} dinner to Friday?`;
    const pendingOwn = team.agent.callTool("ask_human", { question: own, choices: ["Move it", "Keep it"], timeoutSeconds: 55 });
    await op.waitForRow(own);
    await toQueue();
    await op.selectWithKeyboard(own);
    await op.press("1");
    expect(structured(await pendingOwn)).toMatchObject({ status: "answered", choice: "Move it" });
    // The save (when there is one) follows the answer: a later general answer saved proves the console went past this one.
    const x = word();
    const later = `Is the ${x} lounge open late?`;
    const pendingLater = team.agent.callTool("ask_human", { question: later, choices: ["Until midnight", "Closed"], timeoutSeconds: 55 });
    await op.waitForRow(later);
    await toQueue();
    await op.selectWithKeyboard(later);
    await op.press("1");
    expect(structured(await pendingLater)).toMatchObject({ status: "answered", choice: "Until midnight" });
    await poll(async () => (await memoryEntries(x)).length).toBe(1);
    expect(await memoryEntries(v)).toEqual([]);
  });

  it("History shows an answered case's choices and the one picked", async () => {
    const w = word();
    const question = `Open the ${w} gate early?`;
    const pending = team.agent.callTool("ask_human", { question, choices: ["Open at seven", "Keep at nine"], timeoutSeconds: 55 });
    await op.waitForRow(question);
    await toQueue();
    await op.selectWithKeyboard(question);
    await op.press("1");
    expect(structured(await pending)).toMatchObject({ status: "answered", choice: "Open at seven" });
    const ctx = await newContext(team.browser, baseUrl);
    const page = await ctx.newPage();
    try {
      await signIn(page, a.operatorEmail, a.operatorPassword, "/console/history");
      await page.getByLabel("Search").fill(w);
      const row = page.locator("[data-history-row]", { hasText: question });
      await row.waitFor();
      await expect(row.getByTestId("picked-choice").textContent()).resolves.toBe("Picked: Open at seven");
      await expect(row.getByTestId("offered-choices").textContent()).resolves.toBe("Choices offered: Open at seven · Keep at nine");
      // The answer is the choice's words: not repeated under it.
      await expect(row.locator(".cx-answer").count()).resolves.toBe(0);
      expect((await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(", ")}`)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it("Enter then a digit with no pause (the claim still in flight) sends the choice, kept as a reusable answer; the other operator cannot", async () => {
    const w = word();
    const question = `Waive the corkage fee for the ${w} party?`;
    const pending = team.agent.callTool("ask_human", { question, choices: ["Waive it", "Charge it"], timeoutSeconds: 55 });
    await op.waitForRow(question);
    await toQueue();
    await op.selectWithKeyboard(question);
    await op.press("Enter");
    await op.press("1");
    expect(structured(await pending)).toMatchObject({ status: "answered", answer: "Waive it", choice: "Waive it" });
    // The second operator's console shows it answered, never sent twice.
    await team.op2.waitForRowGone(question);
    // "Save as a reusable answer" is on by default: the choice's words are kept, so memory can carry the choice again.
    const saved = async () =>
      (await rest.call("GET", `/api/memory?q=${w}`, { key: a.adminKey })).json.entries as Array<{ id: string; answer: string }>;
    await poll(async () => (await saved()).map((e) => e.answer)).toEqual(["Waive it"]);
    for (const e of await saved()) await rest.call("DELETE", `/api/memory/${e.id}`, { key: a.adminKey });
  });

  it("the case shows the choices as labelled buttons; words typed in the box go along with a clicked choice", async () => {
    const question = `Late checkout for room ${tag()}?`;
    const pending = team.agent.callTool("ask_human", {
      question,
      choices: ["Yes, until 2 pm", "No"],
      choicesOnly: true,
      timeoutSeconds: 55,
    });
    await op.waitForRow(question);
    await toQueue();
    await op.selectWithKeyboard(question);
    await op.press("Enter");
    await poll(() => op.caseStatus.textContent()).toMatch(/Claimed by You/);
    const buttons = op.page.getByTestId("case-choices").getByRole("button");
    await expect(buttons.count()).resolves.toBe(2);
    const yes = op.page.getByRole("button", { name: "Yes, until 2 pm", exact: true });
    await expect(yes.getAttribute("aria-keyshortcuts")).resolves.toBe("1");
    // Free text alone cannot answer a choicesOnly case: Send stays off, and a digit typed in the box is text.
    await op.press("r");
    await op.type("No charge. 2");
    await expect(op.page.getByRole("button", { name: "Send answer" }).isDisabled()).resolves.toBe(true);
    expect(await op.reply.inputValue()).toBe("No charge. 2");
    expect((await axeViolations(op.page)).map((v) => `${v.id}: ${v.targets.join(", ")}`)).toEqual([]);
    await yes.click();
    expect(structured(await pending)).toMatchObject({ status: "answered", answer: "No charge. 2", choice: "Yes, until 2 pm" });
  });

  it("on a phone (390 px) the choices fit the screen and a tap answers", async () => {
    const ctx = await team.browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await ctx.newPage();
    await signIn(page, a.operatorEmail, a.operatorPassword, "/console");
    await page.getByRole("heading", { name: /^Queue/ }).waitFor();
    const question = `From my phone: refund the booking fee for ${tag()}?`;
    const choices = ["Refund the full booking fee to the original card", "Keep the fee", "Offer a voucher"];
    const pending = team.agent.callTool("ask_human", { question, choices, timeoutSeconds: 55 });
    const row = page.locator("[data-queue-row]", { hasText: question });
    await row.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await row.tap();
    const voucher = page.getByRole("button", { name: "Offer a voucher", exact: true });
    await voucher.waitFor();
    for (const name of choices) {
      const box = await page.getByRole("button", { name, exact: true }).boundingBox();
      expect(box && box.height >= 32 && box.x >= 0 && box.x + box.width <= 390, name).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await voucher.tap();
    expect(structured(await pending)).toMatchObject({ status: "answered", choice: "Offer a voucher" });
    await ctx.close();
  });

  it("an unknown choice through the API is a 422 naming choice; the case stays open", async () => {
    const created = await rest.call("POST", "/api/cases", {
      key: a.agentKey,
      body: { question: `API choice ${tag()}`, choices: ["A", "B"], choicesOnly: true },
    });
    expect(created.status).toBe(201);
    const r = await rest.call("POST", `/api/cases/${created.json.id}/messages`, { key: a.answerKey, body: { choice: "C" } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/^choice:/);
    expect((await rest.getCase(a.answerKey, created.json.id)).json).toMatchObject({
      status: "open",
      choices: ["A", "B"],
      choicesOnly: true,
    });
    await rest.call("POST", `/api/cases/${created.json.id}/cancel`, { key: a.agentKey });
  });
});
