import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { Client } from "@modelcontextprotocol/client";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { openSignedIn, screenshotPath, skipWithoutBrowser } from "./support/browser";
import { bridgeEnv, spawnBridge } from "./support/bridge-client";
import { AdminKeysPage } from "./pages/admin-keys-page";

const { baseUrl, a } = inject("e2e");
const mcpUrl = `${baseUrl}/api/mcp`;
const hasCurl = spawnSync("curl", ["--version"]).status === 0;

// skipIf: no Chromium on this machine and not under CI (e2e/support/browser.ts says why; CI installs it and fails instead).
describe.skipIf(skipWithoutBrowser)("Admin → API keys: ready-made client configurations", () => {
  let browser: Browser;
  let admin: BrowserContext;

  beforeAll(async () => {
    ({ browser, context: admin } = await openSignedIn(baseUrl, a.adminEmail, a.adminPassword, "/admin", { clipboard: true }));
  });
  afterAll(async () => browser?.close());

  it("a new key comes with working configs for its real URL; later only a placeholder is shown", async () => {
    const page = await admin.newPage();
    const keys = new AdminKeysPage(page);
    await keys.goto();
    // Before any key: the page's own configs carry the URL and a placeholder.
    expect(await keys.configText("page", "cursor")).toContain(mcpUrl);
    expect(await keys.configText("page", "cursor")).toContain("sb_YOUR_KEY");

    const key = await keys.createKey(`configs ${randomUUID().slice(0, 8)}`, ["hitl:ask"]);
    for (const id of ["claude-bridge", "claude-mcp-remote", "cursor", "inspector", "curl", "retell"]) {
      const text = await keys.configText("new key", id);
      expect(text, id).toContain(mcpUrl);
      expect(text, id).toContain(key);
    }
    const cursor = JSON.parse(await keys.configText("new key", "cursor"));
    expect(cursor).toEqual({ mcpServers: { switchboard: { url: mcpUrl, headers: { Authorization: `Bearer ${key}` } } } });
    const remote = JSON.parse(await keys.configText("new key", "claude-mcp-remote")).mcpServers.switchboard;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${SWITCHBOARD_AUTH} is literal: mcp-remote expands it from the env block
    expect(remote.args).toEqual(["-y", "mcp-remote", mcpUrl, "--header", "Authorization:${SWITCHBOARD_AUTH}"]);
    expect(remote.env).toEqual({ SWITCHBOARD_AUTH: `Bearer ${key}` });
    await expect(
      keys
        .configs("new key")
        .getByText(/Needs Node ≥ 22/)
        .count(),
    ).resolves.toBe(1);
    await keys.configs("new key").getByText("Retell", { exact: true }).click(); // open its <details>
    expect(await keys.configs("new key").getByRole("link", { name: "Connect Retell" }).getAttribute("href")).toBe("/admin/retell");
    await page.screenshot({ path: screenshotPath("admin-keys-configs"), fullPage: true });

    // The copy button copies exactly the snippet, and the copied Cursor config works with the official client.
    await keys.configs("new key").getByText("Cursor", { exact: true }).click(); // open its <details>
    await keys.configs("new key").getByRole("button", { name: "Copy the Cursor configuration" }).click();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied).toEqual(cursor);
    const server = copied.mcpServers.switchboard;
    const client = new Client({ name: "cursor-like", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } }));
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain("ask_human");
    } finally {
      await client.close();
    }

    // The Claude Desktop bridge entry, run as Claude Desktop would run it (its env, the bridge from this checkout).
    const bridgeEntry = JSON.parse(await keys.configText("new key", "claude-bridge")).mcpServers.switchboard;
    const bridge = await spawnBridge({ env: bridgeEnv(bridgeEntry.env) });
    try {
      expect((await bridge.client.listTools()).tools.map((t) => t.name)).toContain("ask_human");
    } finally {
      await bridge.close();
    }

    // The curl command, pasted into a shell.
    if (hasCurl) {
      const curl = spawnSync("sh", ["-c", await keys.configText("new key", "curl")], { encoding: "utf8", timeout: 30_000 });
      expect(curl.stdout).toContain('"name":"ask_human"');
    }

    // Shown once: after a reload the key is nowhere on the page, and the configs are back to the placeholder.
    await page.reload();
    expect(await page.content()).not.toContain(key);
    expect(await keys.configs("new key").count()).toBe(0);
    expect(await keys.configText("page", "claude-bridge")).toContain("sb_YOUR_KEY");
    const listing = await page.request.get("/api/keys");
    expect(listing.status()).toBe(200);
    const body = await listing.text();
    expect(body).toContain(key.slice(0, 15)); // the prefix is listed…
    expect(body).not.toContain(key.slice(16)); // …the secret part never again
    await page.close();
  });
});
