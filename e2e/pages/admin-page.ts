import type { Locator, Page } from "playwright-core";
import { screenshotPath } from "../support/browser";
import { clippedControls, misalignedLabels, touchingButtons } from "../support/layout";

/** Any admin page, for what every one of them shares: the landmarks, the skip link and a layout that fits the window. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async goto(path: string) {
    await this.page.goto(path);
    await this.page.getByRole("heading", { level: 1 }).first().waitFor();
  }

  get main(): Locator {
    return this.page.getByRole("main");
  }

  get skipLink(): Locator {
    return this.page.getByRole("link", { name: /^Skip to the main content/ });
  }

  /** Form controls cut off or out of the window (see e2e/support/layout.ts); empty when all fit. */
  clippedControls(): Promise<string[]> {
    return clippedControls(this.page);
  }

  /** Labels of one form row that start at different heights; empty when each row's labels line up. */
  misalignedLabels(): Promise<string[]> {
    return misalignedLabels(this.page);
  }

  /** Buttons side by side with no room between them; empty when every pair has some. */
  touchingButtons(): Promise<string[]> {
    return touchingButtons(this.page);
  }

  /** A full-page screenshot in the ignored e2e/screenshots/tmp/ (docs/screenshots with `npm run screenshots`). */
  async screenshot(name: string) {
    await this.page.screenshot({ path: screenshotPath(name), fullPage: true });
  }
}
