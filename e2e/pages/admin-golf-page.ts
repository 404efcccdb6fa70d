import type { Locator, Page } from "playwright-core";

/** /admin/golf: courses, a course's tee sheet of a day, reservations. */
export class AdminGolfPage {
  constructor(readonly page: Page) {}

  async gotoCourses() {
    return this.page.goto("/admin/golf");
  }

  /** Opens a course from the list, then shows the given day of its tee sheet through the day picker. */
  async openTeeSheet(courseName: string, date: string) {
    await this.page.getByTestId("golf-courses").getByRole("link", { name: courseName }).click();
    await this.page.getByTestId("tee-sheet").waitFor();
    await this.page.getByLabel(/^Day/).fill(date);
    await this.page.getByRole("button", { name: "Show" }).click();
    await this.page.waitForURL(new RegExp(`date=${date}`));
    await this.page.getByRole("heading", { name: /^Tee sheet —/ }).waitFor();
  }

  teeTime(time: string): Locator {
    return this.page.getByTestId("tee-sheet").locator(`tr[data-time="${time}"]`);
  }

  /** Cancels a booking from the tee sheet (accepting the confirm dialog). */
  async cancel(code: string) {
    this.page.once("dialog", (d) => void d.accept());
    await this.page.getByRole("button", { name: `Cancel reservation ${code}` }).click();
  }
}
