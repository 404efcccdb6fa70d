import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { newContext, openSignedIn, skipWithoutBrowser } from "./support/browser";

const { baseUrl, a } = inject("e2e");

/** Collects CSP violations a page reports (console) while it is used. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  return seen;
}

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("browser hygiene: CSP, framing, sign-in redirect", () => {
  let browser: Browser;
  let admin: BrowserContext;

  beforeAll(async () => {
    ({ browser, context: admin } = await openSignedIn(baseUrl, a.adminEmail, a.adminPassword, "/admin"));
  });
  afterAll(async () => browser?.close());

  it("every page loads and works with no CSP violation", async () => {
    const page = await admin.newPage();
    const violations = watchViolations(page);
    for (const path of [
      "/",
      "/console",
      "/console/history",
      "/console/canned-replies",
      "/admin",
      "/admin/metrics",
      "/admin/calls",
      "/admin/credits",
      "/admin/keys",
      "/admin/members",
      "/admin/dead-letters",
      "/admin/canned-replies",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await page.waitForLoadState("domcontentloaded");
      await page.waitForTimeout(300); // let client components mount and connect (violations surface then)
    }
    // Hydrated and live: the console's realtime stream connects and the queue renders.
    await page.goto("/console");
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.goto("/admin/metrics");
    await page.locator("svg.recharts-surface").first().waitFor({ timeout: 15_000 });
    expect(violations).toEqual([]);
  });

  it("an inline script injected into a page's HTML does not run (the CSP nonce is missing from it)", async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    // Rewrites the server's HTML on its way to the browser, as a stored-XSS payload would arrive, keeping the headers.
    await page.route("**/login", async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(
        "<body>",
        `<body><script>window.__injected = "inline"</script><img src="/nope.png" onerror="window.__injectedHandler = 1">` +
          `<script src="data:text/javascript,window.__injectedSrc=1"></script>`,
      );
      await route.fulfill({ response: res, body: html });
    });
    const violations = watchViolations(page);
    await page.goto("/login");
    await page.getByLabel("Email").waitFor();
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => [(window as any).__injected, (window as any).__injectedHandler, (window as any).__injectedSrc]),
    ).toEqual([undefined, undefined, undefined]);
    expect(violations.length).toBeGreaterThanOrEqual(3); // the browser says why it refused each of them
    // The page's own scripts still ran: the form signs in.
    await page.getByLabel("Email").fill(a.operatorEmail);
    await page.getByLabel("Password").fill(a.operatorPassword);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL((u) => u.pathname === "/console");
    await ctx.close();
  });

  it("the console cannot be framed by another site", async () => {
    const page = await admin.newPage();
    const violations = watchViolations(page);
    await page.goto("about:blank");
    await page.setContent(`<iframe id="f" src="${baseUrl}/console"></iframe>`);
    await page.waitForTimeout(1500);
    const framed = page.frames().find((f) => f.url().startsWith(`${baseUrl}/console`));
    const visible = framed
      ? await framed
          .locator("body")
          // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() is wanted: the check is about text a viewer would see
          .innerText()
          .catch(() => "")
      : "";
    expect(visible).not.toMatch(/queue|case/i);
    expect(violations.join("\n") + (framed ? "" : "frame blocked")).toMatch(/frame-ancestors|frame blocked/);
  });

  it("sign-in never redirects off the site (tab, backslash and protocol-relative tricks)", async () => {
    for (const next of [
      "%2F%09%2Fevil.example%2F",
      "%2F%5Cevil.example",
      "%2F%2Fevil.example",
      "javascript%3Aalert(1)",
      "%2F.%2F%2Fevil.example",
    ]) {
      const ctx = await newContext(browser, baseUrl);
      const page = await ctx.newPage();
      await page.route("**/*", (route) => (new URL(route.request().url()).origin === baseUrl ? route.continue() : route.abort()));
      await page.goto(`/login?next=${next}`);
      await page.getByLabel("Email").fill(a.operatorEmail);
      await page.getByLabel("Password").fill(a.operatorPassword);
      await page.getByRole("button", { name: /sign in/i }).click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login") || u.origin !== baseUrl, { timeout: 15_000 }).catch(() => undefined);
      expect(new URL(page.url()).origin, next).toBe(baseUrl);
      expect(new URL(page.url()).pathname, next).toBe("/console");
      await ctx.close();
    }
  });

  it("sign-in without JavaScript posts the form: the password never reaches a URL, and a wrong one comes back as a sentence", async () => {
    const ctx = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    const page = await ctx.newPage();
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    const signInWith = async (password: string) => {
      await page.goto("/login?next=%2Fconsole%2Fhistory");
      await page.getByLabel("Email").fill(a.operatorEmail);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: /sign in/i }).click();
      await page.waitForLoadState();
    };
    await signInWith("a wrong password 123");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/console/history");
    expect(await page.getByText("Wrong email or password.").count()).toBe(1);
    await signInWith(a.operatorPassword);
    expect(new URL(page.url()).pathname).toBe("/console/history");
    for (const url of urls) {
      expect(url).not.toContain(encodeURIComponent(a.operatorPassword));
      expect(url).not.toContain("wrong");
      expect(url).not.toContain(encodeURIComponent(a.operatorEmail));
    }
    // A made-up `failed` code shows the generic sentence, never text taken from the URL.
    await page.goto("/login?failed=Call%20%2B1%20555%200100%20now");
    expect(await page.getByText("Sign-in failed. Try again.").count()).toBe(1);
    expect(await page.content()).not.toContain("555 0100");
    await ctx.close();
  });
});
