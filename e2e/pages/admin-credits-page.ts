import type { Locator, Page } from "playwright-core";

/** /admin/credits: balance, ledger, add credits. */
export class AdminCreditsPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/admin/credits");
  }

  async balance(): Promise<number> {
    return Number((await this.page.getByTestId("credits-balance").textContent())?.trim());
  }

  ledgerRows(): Locator {
    return this.page.getByTestId("ledger-table").locator("tbody tr");
  }

  /** Adds credits and waits until the page shows the new balance. */
  async add(amount: number, reason: string): Promise<number> {
    const before = await this.balance();
    await this.page.getByLabel("Amount").fill(String(amount));
    await this.page.getByLabel("Reason").fill(reason);
    await this.page.getByRole("button", { name: "Add credits" }).click();
    await this.page.getByText(/The balance is now/).waitFor();
    await this.page.waitForFunction((b) => Number(document.querySelector('[data-testid="credits-balance"]')?.textContent) !== b, before);
    return this.balance();
  }

  /** Late-answer callbacks for hitl:ask keys: ticks (or not) the box, types the prefixes, saves. */
  async setCallbackPolicy(enabled: boolean, prefixes: string) {
    await this.page.getByLabel("Allow callbacks for hitl:ask keys").setChecked(enabled);
    await this.page.getByLabel("Allowed number prefixes").fill(prefixes);
    await this.page.getByRole("button", { name: "Save" }).click();
    await this.page.getByText("Saved.").waitFor();
  }
}
