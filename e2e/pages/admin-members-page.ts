import type { Locator, Page } from "playwright-core";

/** /admin/members: add operators and admins, deactivate and reactivate them. */
export class AdminMembersPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/admin/members");
  }

  row(email: string): Locator {
    return this.page.locator(`tr[data-member-email="${email}"]`);
  }

  /** Adds a member; without a password, returns the generated one the page shows once. */
  async addMember(m: { email: string; name: string; role: "operator" | "admin"; password?: string }): Promise<string | undefined> {
    await this.page.getByLabel("Email", { exact: true }).fill(m.email);
    await this.page.getByLabel("Name", { exact: true }).fill(m.name);
    await this.page.getByLabel("Role", { exact: true }).selectOption(m.role);
    await this.page.getByLabel("Initial password", { exact: true }).fill(m.password ?? "");
    await this.page.getByRole("button", { name: "Add member" }).click();
    await this.row(m.email).waitFor();
    if (m.password) return undefined;
    const secret = this.page.getByTestId("shown-once-secret");
    await secret.waitFor();
    return (await secret.textContent())!.trim();
  }

  async setActive(email: string, active: boolean) {
    await this.row(email)
      .getByRole("button", { name: `${active ? "Reactivate" : "Deactivate"} ${email}` })
      .click();
    // Deactivating asks first, in the shared confirm dialog.
    if (!active)
      await this.page
        .getByRole("dialog", { name: `Deactivate ${email}?` })
        .getByRole("button", { name: "Deactivate" })
        .click();
    await this.row(email)
      .getByText(active ? "active" : "deactivated", { exact: true })
      .waitFor();
  }
}
