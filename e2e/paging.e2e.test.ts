import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, structured } from "./support/api";
import { launchBrowser, newContext, screenshotPath, signIn, skipWithoutBrowser } from "./support/browser";
import { connectModern, type McpTestClient } from "./support/mcp-clients";
import { startNtfyStandin, type NtfyStandin } from "../tests/support/ntfy-standin";

const { baseUrl, a } = inject("e2e");

describe("utility tools on the built app", () => {
  let client: McpTestClient;
  beforeAll(async () => {
    client = await connectModern(baseUrl, a.utilityKey);
  });
  afterAll(async () => client?.close());

  it("lists send_push_notification and get_weather with output schemas; offline, get_weather says it cannot reach the weather service", async () => {
    const tools = await client.listTools();
    for (const name of ["send_push_notification", "get_weather"])
      expect(tools.find((t) => t.name === name)?.outputSchema, name).toBeTruthy();
    const r = await client.callTool("get_weather", { location: "Limerick" });
    expect(r.isError).toBeFalsy();
    expect(structured(r)).toMatchObject({ status: "unavailable" });
    expect(structured(r).message).toMatch(/^I can't reach the weather service right now/);
  });
});

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("paging on-call operators (real browser)", () => {
  const rest = api(baseUrl);
  let ntfy: NtfyStandin;
  let browser: Browser;
  let agent: McpTestClient;

  beforeAll(async () => {
    [ntfy, browser] = await Promise.all([startNtfyStandin(), launchBrowser()]);
    agent = await connectModern(baseUrl, a.agentKey);
  }, 180_000);
  afterAll(async () => {
    // Other suites share this tenant: stop paging before the stand-in goes away.
    await rest.call("PUT", "/api/settings/notifications", {
      key: a.adminKey,
      body: { oncallTopic: null, serverUrl: null, accessToken: null },
    });
    await agent?.close();
    await browser?.close();
    await ntfy?.close();
  });

  it("a case arrives with nobody online → the on-call topic is paged; the page's link opens that case in the console", async () => {
    const topic = `oncall-${randomUUID().slice(0, 8)}`;
    const saved = await rest.call("PUT", "/api/settings/notifications", {
      key: a.adminKey,
      body: { serverUrl: ntfy.url, oncallTopic: topic, accessToken: ntfy.token },
    });
    expect(saved.status).toBe(200);
    expect(saved.text).not.toContain(ntfy.token!);
    // Consoles of earlier suites may still count as online: wait for their heartbeats to lapse (TTL 30 s).
    await expect
      .poll(async () => (await rest.call("GET", "/api/presence", { key: a.agentKey })).json.online, { timeout: 90_000, interval: 1000 })
      .toBe(0);

    const question = `Is the rooftop bar open in the rain? ${randomUUID().slice(0, 6)}`;
    const r = await agent.callTool("ask_human", { question, priority: 4, urgency: "high", timeoutSeconds: 5 });
    const { status, caseId } = structured(r);
    expect(status).toBe("unavailable");

    const page = await ntfy.waitFor((p) => p.click?.endsWith(`case=${caseId}`) ?? false, 60_000);
    expect(page).toMatchObject({ topic, message: question, priority: 5, authorization: `Bearer ${ntfy.token}` });
    expect(page.title).toMatch(/nobody is online/);
    // Without APP_URL the link's origin is the one MCP requests arrived on (`next start` reports it as
    // localhost): same port, the console with this case.
    const link = new URL(page.click!);
    expect([link.port, link.pathname + link.search]).toEqual([new URL(baseUrl).port, `/console?case=${caseId}`]);

    // The operator taps the notification on a phone: sign-in, then straight to that case.
    const ctx = await newContext(browser, baseUrl, { width: 390, height: 844 });
    const tab = await ctx.newPage();
    await tab.goto(`${baseUrl}${link.pathname}${link.search}`);
    expect(new URL(tab.url()).pathname).toBe("/login");
    expect(new URL(tab.url()).searchParams.get("next")).toBe(`/console?case=${caseId}`);
    await signIn(tab, a.operatorEmail, a.operatorPassword, `/console?case=${caseId}`);
    expect(new URL(tab.url()).searchParams.get("case")).toBe(caseId);
    await expect.poll(() => tab.locator("#case-question").textContent(), { timeout: 30_000 }).toContain(question);
    await tab.getByTestId("paged-badge").first().waitFor();
    await tab.screenshot({ path: screenshotPath("paged-case-phone") });
    await ctx.close();

    // Visible on the case, counted in the HITL metrics, sent once.
    expect((await rest.getCase(a.agentKey, caseId!)).json.pagedAt).toBeTruthy();
    const metrics = await rest.call("GET", "/api/metrics/hitl", { key: a.adminKey });
    expect(metrics.json.paging.paged).toBeGreaterThanOrEqual(1);
    expect(ntfy.published.filter((p) => p.click?.endsWith(`case=${caseId}`))).toHaveLength(1);
  }, 300_000);
});
