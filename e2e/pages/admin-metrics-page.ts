import type { Locator, Page } from "playwright-core";

/** /admin/metrics: four recharts charts, outcome and operator tables, a date range. */
export class AdminMetricsPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/admin/metrics");
  }

  chart(name: "volume" | "time-to-answer" | "outcomes" | "operators"): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  /** Drawn bars (recharts renders one path per non-empty bar). */
  bars(name: "volume" | "time-to-answer" | "outcomes" | "operators"): Locator {
    return this.chart(name).locator(".recharts-bar-rectangle path, path.recharts-rectangle");
  }

  outcomeCount(label: string): Locator {
    return this.page
      .getByTestId("outcome-table")
      .getByRole("row", { name: new RegExp(`^${label}\\b`) })
      .locator("td")
      .first();
  }

  operatorRow(name: string): Locator {
    return this.page.getByTestId("operator-table").getByRole("row", { name: new RegExp(name) });
  }

  async choosePreset(label: "Last 24 hours" | "Last 7 days" | "Last 30 days") {
    await this.page.getByRole("button", { name: label }).click();
  }
}
