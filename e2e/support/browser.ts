import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/**
 * Debian's Chromium driven by playwright-core (Playwright cannot download its own browsers here).
 * The background-networking flags stop Chromium from dialling Google on a closed network.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Browser specs need Debian's Chromium, which `npm install` cannot provide. On a machine without it
 * (only Node and npm) they are reported as skipped, with the reason printed once; under CI (CI=true,
 * where .ci/run installs Chromium) a missing browser is a failure, never a skip.
 */
export const skipWithoutBrowser = !fs.existsSync(CHROMIUM_PATH) && !process.env.CI;
if (skipWithoutBrowser) {
  process.stderr.write(
    `[e2e] browser specs skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`,
  );
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      // Sound alerts are part of the console; let audio start without a user gesture in tests only.
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

/** A fresh, isolated browser context (own cookies) pointed at the app. */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  opts: { width?: number; height?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 } });
}

/** Signs a member in through the real login form. */
export async function signIn(page: Page, email: string, password: string, next = "/console"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/**
 * A browser and one member's context, signed in through the real login form (landing on `next`), for the
 * suites that act as that member throughout. `clipboard` lets the page's copy buttons be read back.
 */
export async function openSignedIn(
  baseUrl: string,
  email: string,
  password: string,
  next: string,
  opts: { clipboard?: boolean } = {},
): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await launchBrowser();
  const context = await newContext(browser, baseUrl);
  if (opts.clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  await signIn(await context.newPage(), email, password, next);
  return { browser, context };
}

/**
 * Where a spec's screenshots go: an ignored folder (e2e/screenshots/tmp), so running the tests changes no
 * committed file. `npm run screenshots` sets SCREENSHOTS_DIR=docs/screenshots to refresh the README's.
 */
export function screenshotPath(name: string): string {
  const root = path.resolve(__dirname, "..", "..");
  const dir = path.resolve(root, process.env.SCREENSHOTS_DIR || path.join("e2e", "screenshots", "tmp"));
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

export const tmpProfile = () => fs.mkdtempSync(path.join(os.tmpdir(), "sb-chromium-"));
