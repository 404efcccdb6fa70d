import { randomUUID } from "node:crypto";
import type { Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ConsolePage } from "./pages/console-page";
import { structured } from "./support/api";
import { skipWithoutBrowser } from "./support/browser";
import { openConsoleTeam, type ConsoleTeam } from "./support/console-team";
import type { McpTestClient } from "./support/mcp-clients";

const { baseUrl, a } = inject("e2e");
const tag = () => randomUUID().slice(0, 8);
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 50 });
const CLAIM = "**/api/cases/*/claim";

/**
 * The keyboard sequences the console teaches, typed at full speed: no pause between Enter, r and the
 * answer, and Ctrl+Enter straight after the last letter. Every test asserts the exact string the agent's
 * `ask_human` call receives — what a caller would hear. A slow claim is a real delay in the browser
 * (Playwright holds the request), not a mock of our code; nothing here waits on the clock to pass.
 */
// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("console keyboard: what is typed is what the caller hears", () => {
  let team: ConsoleTeam;
  let op: ConsolePage;
  let op2: ConsolePage;
  let agent: McpTestClient;

  beforeAll(async () => {
    team = await openConsoleTeam(baseUrl, a);
    ({ op, op2, agent } = team);
  });
  afterAll(async () => team?.close());

  /**
   * An agent asks; resolves once the question's row is on the operator's screen, with the ask_human call
   * still pending (wrapped: an async function returning the bare promise would wait for the answer).
   */
  async function ask(question: string, cp: ConsolePage = op) {
    const pending = agent.callTool("ask_human", { question, priority: 5, urgency: "high", timeoutSeconds: 55 });
    await cp.waitForRow(question);
    return { pending };
  }

  /** Out of any field (Esc twice: box → queue, case → closed), then j/k to the row. */
  async function select(cp: ConsolePage, question: string) {
    await cp.press("Escape");
    await cp.press("Escape");
    await cp.selectWithKeyboard(question);
  }

  /** The taught sequence at full speed: select the row, Enter, r (unless `withR` is false), type, Ctrl+Enter. */
  async function answerByKeyboard(cp: ConsolePage, question: string, answer: string, withR = true) {
    await select(cp, question);
    await cp.press("Enter");
    if (withR) await cp.press("r");
    await cp.type(answer);
    await cp.press("Control+Enter");
  }

  it("Enter, r, then type — the documented sequence — sends exactly the typed text", async () => {
    const question = `Are you open on Sunday? ${tag()}`;
    const answer = `Yes, 9 am to 1 pm on Sundays. ${tag()}`;
    const { pending } = await ask(question);
    await answerByKeyboard(op, question, answer);
    expect(structured(await pending)).toMatchObject({ status: "answered", answer });
  });

  it("Enter then type (without r) also sends exactly the typed text", async () => {
    const question = `Where is the step-free entrance? ${tag()}`;
    const answer = `Free entrance on the north side. ${tag()}`;
    const { pending } = await ask(question);
    await answerByKeyboard(op, question, answer, false);
    expect(structured(await pending)).toMatchObject({ status: "answered", answer });
  });

  it("answers that begin with a shortcut letter (r, j, k, ?) arrive whole after Enter, r", async () => {
    for (const start of ["r", "j", "k", "?"]) {
      const question = `Answer starting with ${start} ${tag()}`;
      const answer = `${start}${start === "?" ? " Sorry — yes" : "ust ask at the desk"}; r j k ? stay text. ${tag()}`;
      const { pending } = await ask(question);
      await answerByKeyboard(op, question, answer);
      expect(structured(await pending), `answer starting with ${start}`).toMatchObject({ status: "answered", answer });
    }
  });

  it("keys typed while a slow claim (500 ms) is in flight are kept, and a Ctrl+Enter typed meanwhile sends once it is won", async () => {
    const slow = async (route: Route) => {
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    };
    await op.page.route(CLAIM, slow);
    try {
      for (const withR of [true, false]) {
        const question = `Slow claim, ${withR ? "with" : "without"} r ${tag()}`;
        const answer = `${withR ? "ready" : "Ready"} when you are: the north door is open. ${tag()}`;
        const { pending } = await ask(question);
        await answerByKeyboard(op, question, answer, withR);
        expect(structured(await pending), withR ? "Enter, r, type" : "Enter, type").toMatchObject({ status: "answered", answer });
      }
    } finally {
      await op.page.unroute(CLAIM, slow);
    }
  });

  it("j, k and ? right after Enter act as shortcuts: nothing is typed, nothing is lost", async () => {
    const first = `First of two ${tag()}`;
    const second = `Second of two ${tag()}`;
    const { pending: pendingFirst } = await ask(first);
    const pendingSecond = agent.callTool("ask_human", { question: second, priority: 5, urgency: "high", timeoutSeconds: 55 });
    await op.waitForRow(second);
    await select(op, first);

    // Enter then ? at once: the dialog opens, the box stays empty.
    await op.press("Enter");
    await op.press("?");
    const dialog = op.page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await dialog.waitFor();
    // The dialog and the queue footer teach the same one sequence these tests type.
    expect(await dialog.textContent()).toContain("To answer: Enter, r, type, Ctrl + Enter.");
    expect(await op.page.locator(".cx-hint").textContent()).toContain("Enter claim · r answer · Ctrl+Enter send");
    await op.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await poll(() => op.caseStatus.textContent()).toBe("Claimed by You");
    expect(await op.reply.inputValue()).toBe("");

    // Enter, j at once: the selection moves to the next row (the second case, asked just after), focus
    // with it, and nothing is typed anywhere; then k comes back.
    const focusedQuestion = () => op.page.evaluate(() => document.activeElement?.querySelector(".cx-row-question")?.textContent ?? null);
    await op.press("Enter");
    await op.press("j");
    await poll(focusedQuestion).toBe(second);
    expect(await op.reply.inputValue()).toBe("");
    await op.press("k");
    await poll(focusedQuestion).toBe(first);
    expect(await op.reply.inputValue()).toBe("");

    // Both cases still answer exactly, through the documented sequence.
    const answerSecond = `jk? are letters here ${tag()}`;
    await answerByKeyboard(op, second, answerSecond);
    expect(structured(await pendingSecond)).toMatchObject({ status: "answered", answer: answerSecond });
    const answerFirst = `kept: first answered too ${tag()}`;
    await answerByKeyboard(op, first, answerFirst);
    expect(structured(await pendingFirst)).toMatchObject({ status: "answered", answer: answerFirst });
  });

  it("a claim lost to another operator keeps the typed draft, sends nothing, and says who holds the case", async () => {
    const question = `Two operators, one case ${tag()}`;
    const pending = agent.callTool("ask_human", { question, priority: 5, urgency: "high", timeoutSeconds: 55 });
    await Promise.all([op.waitForRow(question), op2.waitForRow(question)]);
    // op's claim is held in the browser until op2 has won the case.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = async (route: Route) => {
      await gate;
      await route.continue();
    };
    await op.page.route(CLAIM, held);
    try {
      const draft = `rain or shine, we open at 9. ${tag()}`;
      await answerByKeyboard(op, question, draft); // Ctrl+Enter waits for the claim, which is lost: nothing is sent

      await select(op2, question);
      await op2.press("Enter");
      await poll(() => op2.caseStatus.textContent()).toBe("Claimed by You");
      release();

      await poll(() => op.notice.textContent()).toMatch(/Alpha Second already claimed this case/);
      await poll(() => op.caseStatus.textContent()).toBe("Claimed by Alpha Second");
      expect(await op.reply.inputValue()).toBe(draft);
      expect(await op.page.getByRole("button", { name: "Send answer" }).isDisabled()).toBe(true);
      await op.press("Control+Enter");

      // The holder's answer is the one the caller hears.
      const answer = `Yes, 9 am sharp. ${tag()}`;
      await op2.press("r");
      await op2.type(answer);
      await op2.press("Control+Enter");
      expect(structured(await pending)).toMatchObject({ status: "answered", answer });
    } finally {
      release();
      await op.page.unroute(CLAIM, held);
    }
  });
});
