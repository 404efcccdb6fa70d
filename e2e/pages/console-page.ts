import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { newContext, signIn } from "../support/browser";

/** The operator console as a user sees it: rows, the case panel, the answer box and the keyboard. */
export class ConsolePage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** A fresh browser context, signed in through the real login form, on /console with the queue loaded. */
  static async open(
    browser: Browser,
    baseUrl: string,
    email: string,
    password: string,
    opts: { width?: number; height?: number } = {},
  ): Promise<ConsolePage> {
    const context = await newContext(browser, baseUrl, opts);
    const page = await context.newPage();
    await signIn(page, email, password, "/console");
    const cp = new ConsolePage(context, page);
    await cp.page.waitForURL(/\/console/);
    await cp.page.getByRole("heading", { name: /^Queue/ }).waitFor();
    return cp;
  }

  /** A page already on /console (signed in some other way, e.g. by /setup). */
  static of(page: Page): ConsolePage {
    return new ConsolePage(page.context(), page);
  }

  row(text: string): Locator {
    return this.page.locator("[data-queue-row]", { hasText: text });
  }

  /** Waits for a row to show up (no reload) and returns how long that took, in ms, measured in the page. */
  async waitForRow(text: string, timeoutMs = 10_000): Promise<void> {
    await this.row(text).waitFor({ state: "visible", timeout: timeoutMs });
  }

  async waitForRowGone(text: string, timeoutMs = 10_000): Promise<void> {
    await this.row(text).waitFor({ state: "detached", timeout: timeoutMs });
  }

  holder(text: string): Locator {
    return this.row(text).locator(".cx-holder");
  }

  get caseStatus(): Locator {
    return this.page.getByTestId("case-status");
  }

  get caseQuestion(): Locator {
    return this.page.locator("#case-question");
  }

  get reply(): Locator {
    return this.page.getByLabel("Your answer");
  }

  get notice(): Locator {
    return this.page.locator(".cx-case [role=alert]");
  }

  get onlineCount(): Locator {
    return this.page.getByTestId("online-count");
  }

  /** The queue's header: "N waiting · M unclaimed". */
  get queueCounts(): Locator {
    return this.page.getByTestId("open-count");
  }

  get sendTestButton(): Locator {
    return this.page.getByRole("button", { name: "Send a test escalation" });
  }

  get testStatus(): Locator {
    return this.page.getByTestId("test-escalation-status");
  }

  /** What the test agent heard, once its call returned. */
  get testHeard(): Locator {
    return this.page.getByTestId("test-escalation-heard");
  }

  /**
   * Waits for the notice "A test agent is waiting on the line" and says how many rows the queue had in the
   * frame the notice first showed: read in that same frame, so nothing can arrive in between.
   */
  async waitForTestAgentNotice(): Promise<{ rowsWhenShown: number }> {
    const handle = await this.page.waitForFunction(() => {
      const notice = document.querySelector('[data-testid="test-escalation-status"]');
      if (!notice || !/A test agent is waiting on the line/.test(notice.textContent ?? "")) return false;
      return { rowsWhenShown: document.querySelectorAll("[data-queue-row]").length };
    });
    return (await handle.jsonValue()) as { rowsWhenShown: number };
  }

  /** The README's keys with nothing in between, as fast as a person can type: Enter (claim), r, the answer, Ctrl+Enter. */
  async answerByKeyboard(answer: string): Promise<void> {
    await this.press("Enter");
    await this.press("r");
    await this.type(answer);
    await this.press("Control+Enter");
  }

  /** Counts this page's claim requests the server refused with `status` (409: the case was no longer claimable). */
  countClaimResponses(status: number): () => number {
    let n = 0;
    this.page.on("response", (r) => {
      if (/\/api\/cases\/[^/]+\/claim$/.test(new URL(r.url()).pathname) && r.status() === status) n++;
    });
    return () => n;
  }

  /** Moves the queue selection with k (to the top) then j until the row with `text` is current — keyboard only. */
  async selectWithKeyboard(text: string): Promise<void> {
    const total = await this.page.locator("[data-queue-row]").count();
    await this.page
      .locator("body")
      .focus()
      .catch(() => {});
    for (let i = 0; i < total; i++) await this.page.keyboard.press("k");
    for (let i = 0; i <= total; i++) {
      const current = await this.page.locator('[data-queue-row][aria-current="true"]').textContent();
      if (current?.includes(text)) {
        // Enter claims only from the focused row (on any other button it keeps its usual meaning).
        await this.page.waitForFunction(() => document.activeElement?.getAttribute("aria-current") === "true");
        return;
      }
      await this.page.keyboard.press("j");
    }
    throw new Error(`row "${text}" not reachable with j/k`);
  }

  press(key: string) {
    return this.page.keyboard.press(key);
  }

  type(text: string) {
    return this.page.keyboard.type(text);
  }

  alertsPlayed(): Promise<{ normal: number; urgent: number } | undefined> {
    return this.page.evaluate(
      () => (window as unknown as { __switchboardAlerts?: { normal: number; urgent: number } }).__switchboardAlerts,
    );
  }

  close() {
    return this.context.close();
  }
}
