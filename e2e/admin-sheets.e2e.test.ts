import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, signIn, skipWithoutBrowser } from "./support/browser";
import { api } from "./support/api";
import { startIsolatedApp } from "./support/isolated-app";
import { startSheetsStandin, type SheetsStandin } from "../tests/support/sheets-standin";

const shared = inject("e2e");

async function until(what: () => Promise<boolean>, ms: number, label: string) {
  for (const end = Date.now() + ms; !(await what()); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("Admin → Google Sheets in a real browser", () => {
  let browser: Browser;
  let standin: SheetsStandin;
  let app: Awaited<ReturnType<typeof startIsolatedApp>>;
  const SHEET = "1E2eSheetsLog0123456789abcdef";

  beforeAll(async () => {
    browser = await launchBrowser();
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const email = "e2e-log@e2e-project.iam.gserviceaccount.com";
    standin = await startSheetsStandin({
      spreadsheetId: SHEET,
      clientEmail: email,
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
      quotaPerMinute: 60,
    });
    app = await startIsolatedApp({
      SHEETS_SPREADSHEET_ID: SHEET,
      SHEETS_CREDENTIALS_JSON: JSON.stringify({
        type: "service_account",
        client_email: email,
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      }),
      SHEETS_API_URL: standin.url,
      SHEETS_TOKEN_URL: standin.tokenUrl,
      SHEETS_DRAIN_INTERVAL_SECONDS: "1",
      SHEETS_BACKOFF_BASE_MS: "50",
      SHEETS_TIMEOUT_MS: "1000",
      SHEETS_BREAKER_RESET_MS: "1500",
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await standin?.close();
  });

  // Before the first drain the tab does not exist yet (Google would answer 400 too).
  const escalationIds = () =>
    standin.grid.tabs.some((t) => t.title === "Escalations")
      ? standin
          .read("'Escalations'")
          .slice(1)
          .map((r) => String(r[0]))
      : [];
  const open = async (baseUrl: string, email: string, password: string): Promise<Page> => {
    const page = await (await newContext(browser, baseUrl)).newPage();
    await signIn(page, email, password, "/admin");
    await page.goto("/admin/sheets");
    return page;
  };

  it("connected: escalations reach the sheet; the page shows the breaker opening in an outage and closing after, and a rebuild's progress", async () => {
    const rest = api(app.baseUrl);
    const first = (await rest.call("POST", "/api/cases", { key: app.key, body: { question: "Is the terrace open tonight?" } })).json
      .id as string;
    await until(async () => escalationIds().includes(first), 30_000, "the escalation in the sheet");

    const page = await open(app.baseUrl, app.adminEmail, app.adminPassword);
    await page.getByRole("link", { name: "Google Sheets" }).waitFor();
    expect(await page.getByTestId("breaker").textContent()).toContain("closed");
    expect(Number(await page.getByTestId("rows-written").textContent())).toBeGreaterThanOrEqual(1);
    // The requests-per-minute chart: Recharts draws only after its container has measured itself, so wait.
    await page.locator(".recharts-surface").first().waitFor({ state: "attached" });
    expect(await page.getByTestId("connect-help").count()).toBe(0);

    standin.state.faults.outage = true;
    const second = (await rest.call("POST", "/api/cases", { key: app.key, body: { question: "Do you take walk-ins?" } })).json.id as string;
    await page.getByTestId("breaker").getByText("open").waitFor({ timeout: 30_000 });
    await page
      .getByRole("alert")
      .getByText(/circuit breaker is open/)
      .waitFor();
    expect(Number(await page.getByTestId("backlog").textContent())).toBeGreaterThanOrEqual(1);
    expect(escalationIds()).not.toContain(second);

    standin.state.faults.outage = false;
    await page.getByTestId("breaker").getByText("closed").waitFor({ timeout: 30_000 });
    await until(async () => escalationIds().includes(second), 30_000, "the backlog in the sheet");

    standin.grid.write("'Escalations'!A2", [["damaged"]]);
    await page.getByRole("button", { name: "Rebuild the sheet" }).click();
    await page
      .getByTestId("rebuild-progress")
      .getByText(/Last rebuild finished .*\(2 rows\)/)
      .waitFor({ timeout: 30_000 });
    expect(escalationIds().sort()).toEqual([first, second].sort());
  }, 180_000);

  it("not connected (the embedded default): the page says how to connect and offers the rows as CSV", async () => {
    const page = await open(shared.baseUrl, shared.a.adminEmail, shared.a.adminPassword);
    await page.getByTestId("connect-help").getByText("SHEETS_SPREADSHEET_ID").first().waitFor();
    // The page agrees with itself: not connected means nothing is being sent and there is no sheet to rebuild.
    expect(await page.getByTestId("breaker").textContent()).toBe("not connected — nothing to send");
    expect(await page.getByText(/sending/).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Rebuild the sheet" }).count()).toBe(0);
    const href = await page.getByRole("link", { name: "Escalations (CSV)" }).getAttribute("href");
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    expect((await res.text()).split("\r\n")[0]).toBe(
      "Case ID,Account,Created (UTC),Status,Priority,Urgency,Source,Call ID,Claimed (UTC),Answered (UTC),Closed (UTC),Events",
    );
  }, 120_000);
});
