/**
 * Admin pages as a person sees them at a desktop width (1280 px) and a phone's (390 px), in Chromium:
 * every page has a main landmark and a skip link, and no form control is cut off or pushed out of the window.
 * Each page leaves a screenshot in the ignored e2e/screenshots/tmp/.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ADMIN_NAV } from "@/components/admin/nav-items";
import { AdminPage } from "./pages/admin-page";
import { SCOPES } from "@/lib/domains/auth/principal";
import { launchBrowser, newContext, signIn, skipWithoutBrowser } from "./support/browser";
import { boxOf } from "./support/layout";

const { baseUrl, a } = inject("e2e");
const WIDTHS = [1280, 390] as const;

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("admin layout at 1280 px and 390 px", () => {
  let browser: Browser;
  const contexts = new Map<number, BrowserContext>();

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const width of WIDTHS) {
      const ctx = await newContext(browser, baseUrl, { width, height: 844 });
      await signIn(await ctx.newPage(), a.adminEmail, a.adminPassword, "/admin");
      contexts.set(width, ctx);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const width of WIDTHS) {
    it(`${width} px: every admin page has a main landmark, a skip link, and no form control cut off`, async () => {
      const page = new AdminPage(await contexts.get(width)!.newPage());
      for (const { href } of ADMIN_NAV) {
        await page.goto(href);
        await page.screenshot(`layout-${width}${href.replaceAll("/", "-")}`);
        expect.soft(await page.main.count(), `${href}: main landmarks`).toBe(1);
        expect.soft(await page.skipLink.count(), `${href}: skip link`).toBe(1);
        expect.soft(await page.clippedControls(), `${href} at ${width} px`).toEqual([]);
        expect.soft(await page.misalignedLabels(), `${href} at ${width} px: labels`).toEqual([]);
        expect.soft(await page.touchingButtons(), `${href} at ${width} px: buttons`).toEqual([]);
      }
    });
  }

  it("the skip link is the first Tab stop and lands in main", async () => {
    const page = new AdminPage(await contexts.get(1280)!.newPage());
    await page.goto("/admin/keys");
    await page.page.keyboard.press("Tab");
    expect(await page.page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the main content");
    await page.page.keyboard.press("Enter");
    await page.page.waitForFunction(() => document.activeElement?.id === "main");
  });

  it("golf: the provider and the Chronogolf URL show in full", async () => {
    for (const width of WIDTHS) {
      const page = await contexts.get(width)!.newPage();
      await page.goto("/admin/golf");
      const url = page.getByLabel("Chronogolf API base URL");
      await url.waitFor();
      const cut = await url.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(cut, `URL field cut at ${width} px`).toBe(false);
      await page.close();
    }
  });

  it("Connect Retell: the 'Place calls through Retell' checkbox sits at the start of its words", async () => {
    const page = await contexts.get(1280)!.newPage();
    await page.goto("/admin/retell");
    const box = page.getByRole("checkbox", { name: "Place calls through Retell" });
    const [check, label] = [await boxOf(box), await boxOf(page.locator("label", { has: box }))];
    expect(check.width).toBeLessThan(30);
    expect(check.x - label.x).toBeLessThan(2);
    await page.close();
  });

  it("API keys: every scope says what it allows; only file names are set in code font", async () => {
    const page = await contexts.get(1280)!.newPage();
    await page.goto("/admin/keys");
    const scopes = page.getByRole("group", { name: "Scopes" }).locator("label");
    const texts = (await scopes.allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
    expect(texts.length).toBe(SCOPES.length);
    expect(texts.filter((t) => !/^\S+ — \S/.test(t))).toEqual([]);
    const pasteInto = await page
      .locator("p", { hasText: /^Paste into / })
      .evaluateAll((ps) => ps.flatMap((p) => [...p.querySelectorAll("code")].map((c) => c.textContent ?? "")));
    expect(pasteInto.length).toBeGreaterThan(0);
    expect(pasteInto.filter((c) => !/[./]/.test(c))).toEqual([]); // "terminal" is a word, not a path
    await page.close();
  });
});
