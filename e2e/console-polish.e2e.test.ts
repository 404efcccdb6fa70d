import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ConsolePage } from "./pages/console-page";
import { api } from "./support/api";
import { launchBrowser, skipWithoutBrowser } from "./support/browser";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);
const tag = () => randomUUID().slice(0, 8);
const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout, interval: 50 });

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("the console as an operator sees it (laptop 1280×720)", () => {
  let browser: Browser;
  let op: ConsolePage;
  const created: string[] = [];
  const ask = async (body: Record<string, unknown>) => {
    const r = await rest.call("POST", "/api/cases", { key: a.agentKey, body });
    expect(r.status).toBe(201);
    created.push(r.json.id);
    return r.json.id as string;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    op = await ConsolePage.open(browser, baseUrl, a.operator2Email, a.operator2Password, { width: 1280, height: 720 });
  });
  afterAll(async () => {
    for (const id of created) await rest.call("POST", `/api/cases/${id}/cancel`, { key: a.agentKey }).catch(() => {});
    await browser?.close();
  });

  it("the queue header counts the rows whose agent still waits, and how many rows nobody holds", async () => {
    const mine = `Header count, to claim ${tag()}`;
    const free = `Header count, left open ${tag()}`;
    await ask({ question: mine, timeoutSeconds: 55 });
    await ask({ question: free, timeoutSeconds: 55 });
    await Promise.all([op.waitForRow(mine), op.waitForRow(free)]);
    await op.row(mine).click();
    await op.page.getByRole("button", { name: "Claim (Enter)" }).click();
    await poll(() => op.caseStatus.textContent()).toBe("Claimed by You");
    // Read header and rows in one snapshot: other specs add cases to this tenant at the same time.
    const snapshot = () =>
      op.page.evaluate(() => ({
        header: document.querySelector('[data-testid="open-count"]')?.textContent ?? "",
        rows: document.querySelectorAll("[data-queue-row]").length,
        // A row past its agent's deadline is still there to answer, but nobody waits on it.
        waiting: [...document.querySelectorAll("[data-queue-row]")].filter(
          (r) => r.querySelector('[data-testid="countdown"]')?.textContent !== "agent stopped waiting",
        ).length,
        open: document.querySelectorAll('[data-queue-row][data-status="open"]').length,
      }));
    await poll(async () => {
      const s = await snapshot();
      return s.header === `${s.waiting} waiting · ${s.open} unclaimed` && s.waiting > 0 && s.rows > s.open;
    }).toBe(true);
  });

  it("the countdown says what it counts, and after it runs out the case says truthfully where a late answer goes", async () => {
    const plain = `No callback on this one ${tag()}`;
    const hooked = `This one has a callback ${tag()}`;
    await ask({ question: plain, timeoutSeconds: 5 });
    await ask({ question: hooked, timeoutSeconds: 5, callbackUrl: "http://127.0.0.1:9/hook" });
    await op.waitForRow(plain);
    await poll(() => op.row(plain).getByTestId("countdown").textContent()).toMatch(/^(Hurry: )?Agent waits (⚠ )?0:0\d$/);
    await poll(() => op.row(plain).getByTestId("countdown").textContent()).toBe("agent stopped waiting");

    await op.row(plain).click();
    await poll(() => op.page.getByTestId("late-answer").textContent()).toMatch(
      /only if the agent asks again \(get_human_answer\).*no callback/,
    );
    await op.row(hooked).click();
    await poll(() => op.caseQuestion.textContent()).toBe(hooked);
    await poll(() => op.page.getByTestId("late-answer").textContent()).toMatch(/still reaches the caller: .*signed callback/);
  });

  it("with a long question, the context, the caller and the answer box stay on screen", async () => {
    const question =
      `${"The caller explains at length what happened with the order, the courier and the neighbour. ".repeat(20)}${tag()}`.slice(0, 1990);
    await ask({
      question,
      timeoutSeconds: 55,
      context: "Order 4411, paid by card, courier DHL.",
      callerInfo: { name: "Robin Long", phone: "+14155550142", account: "ACME-7" },
    });
    await op.waitForRow(question.slice(0, 60));
    await op.row(question.slice(0, 60)).click();
    await op.page.getByRole("button", { name: "Claim (Enter)" }).click();
    await poll(() => op.caseStatus.textContent()).toBe("Claimed by You");
    const inView = async (testId: string, text: string) => {
      const box = await op.page.getByTestId(testId).getByText(text).boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= 720 && box.x + box.width <= 1280;
    };
    expect(await inView("case-context", "Order 4411, paid by card, courier DHL.")).toBe(true);
    expect(await inView("case-caller", "Robin Long")).toBe(true);
    const reply = await op.reply.boundingBox();
    expect(reply && reply.y + 24 <= 720).toBe(true);
    // The question scrolls in its own box (reachable by keyboard: the box takes focus).
    const scrolls = await op.page
      .getByRole("region", { name: "Question" })
      .evaluate((el) => el.scrollHeight > el.clientHeight && el.tabIndex === 0);
    expect(scrolls).toBe(true);
  });
});
