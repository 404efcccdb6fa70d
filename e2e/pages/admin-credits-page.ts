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
    await this.page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="credits-balance"]')?.textContent) !== b,
      before,
    );
    return this.balance();
  }
}
