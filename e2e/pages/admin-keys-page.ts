import type { Locator, Page } from "playwright-core";

/** /admin/keys: create a key (shown once, with a copy button), list by prefix, revoke. */
export class AdminKeysPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/admin/keys");
  }

  get secret(): Locator {
    return this.page.getByTestId("shown-once-secret");
  }

  get copyButton(): Locator {
    return this.page.getByRole("button", { name: /copy to clipboard/i });
  }

  /** The client configurations in the new key's shown-once panel, or the page's own (placeholder key). */
  configs(where: "new key" | "page"): Locator {
    const name = where === "new key" ? "Client configurations for the new key" : "Client configurations";
    return this.page.getByRole("region", { name, exact: true });
  }

  async configText(where: "new key" | "page", id: string): Promise<string> {
    return (await this.configs(where).getByTestId(`client-config-${id}`).textContent()) ?? "";
  }

  row(prefix: string): Locator {
    return this.page.locator(`tr[data-key-prefix="${prefix}"]`);
  }

  /** Creates a key with exactly these scopes and returns the full key as shown (once). */
  async createKey(name: string, scopes: string[]): Promise<string> {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    for (const box of await this.page.getByRole("group", { name: "Scopes" }).getByRole("checkbox").all()) {
      const value = await box.getAttribute("value");
      await box.setChecked(scopes.includes(value ?? ""));
    }
    await this.page.getByRole("button", { name: "Create key" }).click();
    await this.secret.waitFor();
    return (await this.secret.textContent())!.trim();
  }

  async revoke(prefix: string) {
    await this.row(prefix)
      .getByRole("button", { name: `Revoke ${prefix}` })
      .click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
    await this.row(prefix)
      .getByText(/revoked/)
      .waitFor();
  }
}
