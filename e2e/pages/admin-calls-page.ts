import type { Locator, Page } from "playwright-core";

/** /admin/calls (list with filters and cursor pages) and /admin/calls/{id} (transcript, recording, events, cost). */
export class AdminCallsPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/admin/calls");
  }

  async filter(f: { status?: string; number?: string; from?: string; to?: string }) {
    const form = this.page.getByRole("form", { name: "Filter calls" });
    if (f.status !== undefined) await form.getByLabel("Status").selectOption(f.status);
    if (f.number !== undefined) await form.getByLabel("Number (E.164)").fill(f.number);
    if (f.from !== undefined) await form.getByLabel("From (day, UTC)").fill(f.from);
    if (f.to !== undefined) await form.getByLabel("To (day, inclusive)").fill(f.to);
    await Promise.all([this.page.waitForURL(/\/admin\/calls\?/), form.getByRole("button", { name: "Filter" }).click()]);
  }

  rows(): Locator {
    return this.page.getByTestId("calls-table").locator("tbody tr");
  }

  row(callId: string): Locator {
    return this.page.locator(`tr[data-call-id="${callId}"]`);
  }

  async open(callId: string) {
    await Promise.all([this.page.waitForURL(`**/admin/calls/${callId}`), this.row(callId).getByRole("link").first().click()]);
  }

  transcriptTurns(): Locator {
    return this.page.getByRole("list", { name: "Transcript" }).getByRole("listitem");
  }

  events(): Locator {
    return this.page.getByRole("list", { name: "Call events" }).getByRole("listitem");
  }

  fact(name: string): Locator {
    return this.page
      .getByTestId("call-facts")
      .locator("div", { has: this.page.locator("dt", { hasText: name }) })
      .locator("dd");
  }

  /** Waits until the <audio> element has loaded the recording's metadata; returns its readyState and duration. */
  async audioLoaded(timeoutMs = 15_000): Promise<{ readyState: number; duration: number }> {
    const audio = this.page.getByTestId("call-recording");
    await audio.waitFor({ state: "attached" });
    await this.page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLAudioElement>('[data-testid="call-recording"]');
        return !!el && el.readyState >= 1 && Number.isFinite(el.duration) && el.duration > 0;
      },
      undefined,
      { timeout: timeoutMs },
    );
    return audio.evaluate((el: HTMLAudioElement) => ({ readyState: el.readyState, duration: el.duration }));
  }
}
