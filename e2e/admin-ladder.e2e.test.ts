import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, signIn, skipWithoutBrowser } from "./support/browser";
import { api } from "./support/api";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);
const ladderOf = async () => (await rest.call("GET", "/api/settings/channels", { key: a.adminKey })).json;

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("Admin → Channels: the escalation ladder edited step by step", () => {
  let browser: Browser;
  let page: Page;
  const form = () => page.getByRole("form", { name: "Escalation ladder" });
  const steps = () => form().getByTestId("ladder-steps").locator("li");
  const channel = (n: number) => form().getByLabel(`Step ${n} channel`);
  const seconds = (n: number) => form().getByLabel(`Step ${n} seconds`);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, baseUrl)).newPage();
    await signIn(page, a.adminEmail, a.adminPassword, "/admin/channels");
  });
  afterAll(async () => {
    // Other suites expect the account's default ladder.
    await rest.call("PUT", "/api/settings/channels", { key: a.adminKey, body: { ladder: null } });
    await browser?.close();
  });

  it("an admin turns off the default, removes, edits, adds and reorders steps at typing speed, and it is what the API shows", async () => {
    expect((await ladderOf()).ladderIsDefault).toBe(true);
    await page.goto(`${baseUrl}/admin/channels`);
    await form().getByLabel("Use the default ladder").uncheck();
    // The default: console 0, Slack 0, page, SMS.
    await expect.poll(() => steps().count()).toBe(4);
    await form().getByRole("button", { name: "Remove step 2" }).click(); // Slack
    await expect.poll(() => steps().count()).toBe(3);
    await seconds(3).fill("");
    await seconds(3).pressSequentially("45");
    await form().getByRole("button", { name: "Add a step" }).click();
    await channel(4).selectOption("slack");
    await seconds(4).fill("5");
    await form().getByRole("button", { name: "Move step 4 up" }).click();
    await form().getByRole("button", { name: "Move step 3 up" }).click();
    await form().getByRole("button", { name: "Save" }).click();
    await expect.poll(() => form().getByRole("status").textContent()).toBe("Saved.");

    const saved = await ladderOf();
    expect(saved.ladderIsDefault).toBe(false);
    const pageStep = saved.ladder[2];
    expect(saved.ladder).toEqual([
      { channel: "console", afterSeconds: 0 },
      { channel: "slack", afterSeconds: 5 },
      { channel: "ntfy", afterSeconds: pageStep.afterSeconds },
      { channel: "sms", afterSeconds: 45 },
    ]);

    // What the page shows after a reload is what was saved.
    await page.reload();
    await expect.poll(() => steps().count()).toBe(4);
    expect(await channel(2).inputValue()).toBe("slack");
    expect(await seconds(4).inputValue()).toBe("45");
    expect(await form().getByLabel("Use the default ladder").isChecked()).toBe(false);
  });

  it("seconds out of range are refused in the form, naming the step; nothing is saved", async () => {
    const before = await ladderOf();
    await seconds(2).fill("4000");
    await form().getByRole("button", { name: "Save" }).click();
    await expect.poll(() => form().getByRole("alert").textContent()).toContain("Step 2: seconds must be a whole number from 0 to 3600");
    expect(await ladderOf()).toEqual(before);
  });

  it("the default ladder again, with one click", async () => {
    await form().getByLabel("Use the default ladder").check();
    await form().getByRole("button", { name: "Save" }).click();
    await expect.poll(async () => (await ladderOf()).ladderIsDefault).toBe(true);
  });
});
