import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { launchBrowser, newContext, skipWithoutBrowser } from "./support/browser";
import { MemoryOAuthProvider } from "../tests/support/oauth-provider";

const { baseUrl, a } = inject("e2e");

/**
 * Connecting an MCP client by signing in, against the built app, the way a person does it: the official
 * SDK client hits /api/mcp, discovers and registers, and hands over an authorization URL; a real browser
 * opens it, signs in, reads the consent page and clicks Allow; the browser lands on the client's loopback
 * callback (a listener this test runs, as mcp-remote does), the SDK exchanges the code and calls tools.
 */
// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("OAuth sign-in for MCP clients (real browser + official SDK)", () => {
  let browser: Browser;
  let callback: http.Server;
  let callbackUrl = "";
  const arrivals: URL[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    callback = http.createServer((req, res) => {
      const at = new URL(req.url!, callbackUrl);
      if (at.pathname === "/oauth/callback") arrivals.push(at); // not the browser's /favicon.ico
      res.writeHead(200, { "content-type": "text/html" }).end("<title>Done</title><p>You can close this window.</p>");
    });
    await new Promise<void>((r) => callback.listen(0, "127.0.0.1", r));
    callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/oauth/callback`;
  });
  afterAll(async () => {
    await browser?.close();
    callback?.closeAllConnections();
    await new Promise((r) => callback?.close(r));
  });

  const newProvider = (name: string) =>
    new MemoryOAuthProvider(callbackUrl, {
      client_name: name,
      redirect_uris: [callbackUrl],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    });

  /** The SDK's first connect: 401 → discovery → registration → the authorization URL it wants opened. */
  async function startSdk(provider: MemoryOAuthProvider) {
    const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", baseUrl), { authProvider: provider });
    await expect(new Client({ name: "e2e-oauth", version: "1.0.0" }).connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    return { transport, url: provider.authorizationUrl! };
  }

  async function signInAt(page: Page, url: URL, email: string, password: string) {
    await page.goto(url.toString());
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL((u) => u.pathname === "/oauth/authorize");
  }

  it("an admin signs in, consents, and the SDK calls tools; revoking in Admin → Connected apps cuts it off", async () => {
    const provider = newProvider("E2E Claude-like client");
    const { transport, url } = await startSdk(provider);
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await signInAt(page, url, a.adminEmail, a.adminPassword);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/Connect E2E Claude-like client\?/);
    const granted = await page.getByRole("list", { name: "Scopes granted" }).textContent();
    expect(granted).toMatch(/Ask your team questions on a caller's behalf/);
    expect(granted).toMatch(/Place and cancel phone calls/);
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL((u) => u.href.startsWith(callbackUrl));
    const back = arrivals.at(-1)!;
    expect(back.searchParams.get("state")).toBe("state-1234");
    await transport.finishAuth(back.searchParams.get("code")!);

    const client = new Client({ name: "e2e-oauth", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL("/api/mcp", baseUrl), { authProvider: provider }));
    const r = (await client.callTool({ name: "ask_human", arguments: { question: "Signed in through OAuth?", timeoutSeconds: 5 } })) as {
      structuredContent?: { status: string };
    };
    expect(["unavailable", "pending"]).toContain(r.structuredContent?.status);

    // The admin disconnects the app; its next request is refused (and a refresh cannot bring it back).
    await page.goto("/admin/connected-apps");
    const row = page.locator("tr", { hasText: "E2E Claude-like client" });
    await expect(row.count()).resolves.toBe(1);
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: /Revoke/ }).click();
    await page.getByText(/Disconnected E2E Claude-like client/).waitFor();
    await expect(client.listTools()).rejects.toThrow();
    await ctx.close();
  });

  it("an operator sees what their role cannot grant, and Deny sends access_denied back to the app", async () => {
    const provider = newProvider("E2E operator client");
    const { url } = await startSdk(provider);
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await signInAt(page, url, a.operatorEmail, a.operatorPassword);
    expect(await page.getByRole("list", { name: "Scopes granted" }).textContent()).toMatch(/answer them as you/);
    expect(await page.getByRole("list", { name: "Scopes not granted" }).textContent()).toMatch(/Place and cancel phone calls/);
    await page.getByRole("button", { name: "Deny" }).click();
    await page.waitForURL((u) => u.href.startsWith(callbackUrl));
    expect(arrivals.at(-1)!.searchParams.get("error")).toBe("access_denied");
    await ctx.close();
  });

  it("a registered client's bad request is shown on our page, never redirected to its URI before anyone decided (RFC 9700 §4.11.2)", async () => {
    // Anyone may register a client, with a redirect URI of their choosing: an open redirect if errors went there.
    const reg = await fetch(`${baseUrl}/api/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_name: "Redirector",
        redirect_uris: ["https://evil.example/landing"],
        token_endpoint_auth_method: "none",
      }),
    });
    expect(reg.status).toBe(201);
    const { client_id } = (await reg.json()) as { client_id: string };
    const bad: Array<[string, RegExp]> = [
      ["response_type=token", /response_type: must be code/],
      ["response_type=code", /code_challenge: required/],
      ["response_type=code&code_challenge=abc&code_challenge_method=plain", /code_challenge_method: must be S256/],
      [`response_type=code&scope=everything&code_challenge=${"a".repeat(43)}&code_challenge_method=S256`, /scope/],
    ];
    for (const [query, message] of bad) {
      const res = await fetch(`${baseUrl}/oauth/authorize?client_id=${client_id}&${query}`, { redirect: "manual" });
      expect([query, res.status, res.headers.get("location")]).toEqual([query, 200, null]);
      expect(await res.text()).toMatch(message);
    }
    // In a browser, signed out: the page stays on our origin and says what is wrong.
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await page.goto(`/oauth/authorize?client_id=${client_id}&response_type=token&state=x`);
    expect(new URL(page.url()).origin).toBe(baseUrl);
    expect(await page.locator("main [role=alert]").textContent()).toMatch(/response_type: must be code/);
    await ctx.close();
  });

  it("an unknown client is told so on the page, and the browser is not sent anywhere", async () => {
    const ctx = await newContext(browser, baseUrl);
    const page = await ctx.newPage();
    await page.goto(
      `/oauth/authorize?response_type=code&client_id=sbc_nope&redirect_uri=${encodeURIComponent("https://evil.example/cb")}&code_challenge=x&code_challenge_method=S256`,
    );
    expect(new URL(page.url()).origin).toBe(baseUrl);
    expect(await page.locator("main [role=alert]").textContent()).toMatch(/no such client/);
    await ctx.close();
  });
});
