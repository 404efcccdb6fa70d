import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, signIn, skipWithoutBrowser } from "./support/browser";
import { api } from "./support/api";
import { connectModern, type McpTestClient, type ToolCallResult } from "./support/mcp-clients";
import { AdminGolfPage } from "./pages/admin-golf-page";

const { baseUrl, a } = inject("e2e");
const rest = api(baseUrl);
const sc = (r: ToolCallResult) => r.structuredContent as any;

/** Tomorrow in Dublin, as the course sees it. */
function tomorrowIn(tz: string): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("golf: a booking made by a voice agent over MCP shows on the admin tee sheet", () => {
  let browser: Browser;
  let page: Page;
  let mcp: McpTestClient;
  const courseName = `Links ${randomUUID().slice(0, 6)}`;
  const date = tomorrowIn("Europe/Dublin");

  beforeAll(async () => {
    const created = await rest.call("POST", "/api/golf/courses", {
      key: a.adminKey,
      body: {
        name: courseName,
        timezone: "Europe/Dublin",
        firstTeeTime: "07:00",
        lastTeeTime: "09:00",
        intervalMinutes: 10,
        capacity: 4,
        holes: 18,
        price: 60,
        currency: "EUR",
      },
    });
    expect(created.status, created.text).toBe(201);
    mcp = await connectModern(baseUrl, a.adminKey);
    browser = await launchBrowser();
    page = await (await newContext(browser, baseUrl)).newPage();
    await signIn(page, a.adminEmail, a.adminPassword, "/admin");
  });
  afterAll(async () => {
    await mcp?.close();
    await browser?.close();
  });

  it("search and book over MCP → the admin sees who booked 08:20, cancels it, and the spots are free again", async () => {
    const search = await mcp.callTool("golf_search_tee_times", {
      course: courseName,
      date,
      timeFrom: "08:20",
      timeTo: "08:20",
      players: 3,
    });
    expect(search.isError, JSON.stringify(search.content)).toBeFalsy();
    const slot = sc(search).slots[0];
    expect(slot).toMatchObject({ time: "08:20", openSpots: 4, pricePerPlayer: 60, currency: "EUR" });
    const booked = await mcp.callTool("golf_book_tee_time", {
      slotId: slot.slotId,
      players: 3,
      name: "Seve Ballesteros",
      phone: "+353 1 555 0100",
      idempotencyKey: `e2e-${randomUUID()}`,
    });
    expect(booked.isError, JSON.stringify(booked.content)).toBeFalsy();
    const code = sc(booked).reservation.confirmationCode as string;
    expect(sc(booked).message).toContain("at 8:20 AM for 3 players");

    const golf = new AdminGolfPage(page);
    await golf.gotoCourses();
    await expect(
      page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Golf" }).getAttribute("aria-current"),
    ).resolves.toBe("page");
    await golf.openTeeSheet(courseName, date);
    const row = golf.teeTime("08:20");
    await expect(row.textContent()).resolves.toMatch(new RegExp(`3/4.*Seve Ballesteros × 3 · ${code}`));
    await expect(golf.teeTime("08:10").textContent()).resolves.toContain("open");

    await golf.cancel(code);
    await row.locator('li[data-status="cancelled"]').waitFor();
    await expect(row.textContent()).resolves.toMatch(/0\/4.*\(cancelled\)/);
    const after = await mcp.callTool("golf_search_tee_times", { course: courseName, date, timeFrom: "08:20", timeTo: "08:20", players: 4 });
    expect(sc(after).slots[0].openSpots).toBe(4);
    const list = await mcp.callTool("golf_get_reservations", { name: "Seve", status: "all" });
    expect(sc(list).reservations.map((r: { status: string }) => r.status)).toEqual(["cancelled"]);
  });

  it("the reservations page lists a booking and cancels it", async () => {
    const slot = sc(await mcp.callTool("golf_search_tee_times", { course: courseName, date, timeFrom: "07:30", timeTo: "07:30" })).slots[0];
    const code = sc(
      await mcp.callTool("golf_book_tee_time", { slotId: slot.slotId, players: 2, name: "Annika Sorenstam", email: "annika@example.test" }),
    ).reservation.confirmationCode;
    await page.goto("/admin/golf/reservations");
    const row = page.getByTestId("golf-reservations").locator(`tr[data-code="${code}"]`);
    await expect(row.textContent()).resolves.toMatch(new RegExp(`${date} 07:30.*${courseName}.*Annika Sorenstam`));
    await new AdminGolfPage(page).cancel(code);
    await row.waitFor({ state: "detached" });
  });
});
