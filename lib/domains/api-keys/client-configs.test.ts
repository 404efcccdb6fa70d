import { describe, expect, it } from "vitest";
import { clientConfigs, mcpEndpoint } from "@/lib/domains/api-keys/client-configs";

const KEY = "sb_0123456789ab_secretPart-xyz";
const byId = (baseUrl: string) => Object.fromEntries(clientConfigs({ baseUrl, key: KEY }).map((c) => [c.id, c]));

describe("client configs", () => {
  it("point every client at the app's /api/mcp with the key", () => {
    const c = byId("https://switchboard.example.com");
    expect(Object.keys(c)).toEqual(["claude-bridge", "claude-mcp-remote", "cursor", "inspector", "curl", "retell"]);
    for (const cfg of Object.values(c)) {
      if (cfg.id === "retell") continue;
      expect(cfg.text).toContain("https://switchboard.example.com/api/mcp");
    }
    expect(JSON.parse(c.cursor!.text)).toEqual({
      mcpServers: { switchboard: { url: "https://switchboard.example.com/api/mcp", headers: { Authorization: `Bearer ${KEY}` } } },
    });
    expect(JSON.parse(c["claude-bridge"]!.text).mcpServers.switchboard.env).toEqual({
      SWITCHBOARD_URL: "https://switchboard.example.com/api/mcp",
      SWITCHBOARD_API_KEY: KEY,
    });
    expect(JSON.parse(c.retell!.text)).toMatchObject({
      url: "https://switchboard.example.com/api/mcp",
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(c.retell!.note).toContain("https://switchboard.example.com/admin/retell");
  });

  it("mcp-remote: header without spaces in args, the bearer value in env (Claude Desktop splits args on spaces)", () => {
    const s = JSON.parse(byId("https://sb.example.com")["claude-mcp-remote"]!.text).mcpServers.switchboard;
    expect(s.command).toBe("npx");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${SWITCHBOARD_AUTH} is literal: mcp-remote expands it from the env block
    expect(s.args).toEqual(["-y", "mcp-remote", "https://sb.example.com/api/mcp", "--header", "Authorization:${SWITCHBOARD_AUTH}"]);
    for (const a of s.args) expect(a).not.toMatch(/\s/);
    expect(s.env).toEqual({ SWITCHBOARD_AUTH: `Bearer ${KEY}` });
  });

  it("mcp-remote over plain http: --allow-http for a remote host, not for loopback", () => {
    const remote = JSON.parse(byId("http://10.0.0.5:3000")["claude-mcp-remote"]!.text).mcpServers.switchboard.args;
    expect(remote).toContain("--allow-http");
    const local = JSON.parse(byId("http://127.0.0.1:3000")["claude-mcp-remote"]!.text).mcpServers.switchboard.args;
    expect(local).not.toContain("--allow-http");
  });

  it("Inspector says it needs Node 22 and what to do on Node 20; shell snippets quote the key", () => {
    const c = byId("http://127.0.0.1:3000");
    expect(c.inspector!.note).toMatch(/Node ≥ 22/);
    expect(c.inspector!.note).toMatch(/0\.15\.0/);
    expect(c.inspector!.text).toContain(`--header 'Authorization: Bearer ${KEY}'`);
    const odd = clientConfigs({ baseUrl: "http://127.0.0.1:3000", key: "sb_x_it's" }).find((x) => x.id === "curl")!;
    expect(odd.text).toContain(`'Authorization: Bearer sb_x_it'\\''s'`);
  });

  it("builds the endpoint from a base URL with or without a path prefix", () => {
    expect(mcpEndpoint("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000/api/mcp");
    expect(mcpEndpoint("https://example.com/switchboard/")).toBe("https://example.com/switchboard/api/mcp");
  });
});
