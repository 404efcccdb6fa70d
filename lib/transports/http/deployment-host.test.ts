import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import { hostnameOf, isDeploymentHost } from "@/lib/transports/http/deployment-host";

const ours = (host: string | null, env: Record<string, string> = {}) =>
  isDeploymentHost(new Headers(host === null ? {} : { host }), parseConfig(env));

describe("this deployment's host names", () => {
  it("loopback names always; APP_URL's, Vercel's and MCP_ALLOWED_HOSTS' when set", () => {
    for (const h of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST", "127.0.0.1"]) expect(ours(h), h).toBe(true);
    expect(ours("switchboard.example.com", { APP_URL: "https://switchboard.example.com" })).toBe(true);
    expect(ours("my-app-git-main.vercel.app", { VERCEL: "1", VERCEL_BRANCH_URL: "my-app-git-main.vercel.app" })).toBe(true);
    expect(ours("help.example.org", { VERCEL_PROJECT_PRODUCTION_URL: "help.example.org" })).toBe(true);
    expect(ours("lan-box:3000", { MCP_ALLOWED_HOSTS: "localhost,lan-box" })).toBe(true);
    expect(ours("anything.example", { MCP_ALLOWED_HOSTS: "*" })).toBe(true);
  });

  it("never another name, a look-alike, or a missing or malformed Host", () => {
    for (const h of [
      "evil.example:3000",
      "127.0.0.1.evil.example",
      "localhost.evil.example",
      "switchboard.example.com.evil.example",
      "evil.example@127.0.0.1",
      "127.0.0.1/evil",
      "",
    ])
      expect(ours(h, { APP_URL: "https://switchboard.example.com" }), h).toBe(false);
    expect(ours(null)).toBe(false);
    expect(hostnameOf("127.0.0.1 evil")).toBe("");
  });
});
