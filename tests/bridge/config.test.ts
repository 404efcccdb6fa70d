import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// The bridge is plain ESM JavaScript (no build step); these are its real modules.
import { BridgeConfigError, defaultConfigPath, resolveConfig } from "../../bridge/lib/config.mjs";

const home = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bridge-config-"));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
const file = (name: string, body: unknown) => {
  const p = path.join(home, name);
  fs.writeFileSync(p, typeof body === "string" ? body : JSON.stringify(body));
  return p;
};
const KEY = "sb_0123456789ab_secret-part-of-the-key";

describe("bridge configuration", () => {
  it("flags win over the environment, the environment over the file", () => {
    const cfg = file("all.json", { url: "https://file.example", apiKey: "sb_file_key" });
    const env = { HOME: home, SWITCHBOARD_CONFIG: cfg, SWITCHBOARD_URL: "https://env.example", SWITCHBOARD_API_KEY: "sb_env_key" };
    const flags = resolveConfig(["--url", "https://flag.example/api/mcp", "--key", KEY], env);
    expect([flags.url.href, flags.key, flags.urlSource, flags.keySource]).toEqual(["https://flag.example/api/mcp", KEY, "--url", "--key"]);
    const fromEnv = resolveConfig([], env);
    expect([fromEnv.url.href, fromEnv.key, fromEnv.keySource]).toEqual([
      "https://env.example/api/mcp",
      "sb_env_key",
      "SWITCHBOARD_API_KEY",
    ]);
    const fromFile = resolveConfig([], { HOME: home, SWITCHBOARD_CONFIG: cfg });
    expect([fromFile.url.href, fromFile.key, fromFile.keySource]).toEqual(["https://file.example/api/mcp", "sb_file_key", cfg]);
  });

  it("reads ~/.config/switchboard/mcp.json by default, and --config / SWITCHBOARD_CONFIG override it", () => {
    expect(defaultConfigPath({ HOME: home })).toBe(path.join(home, ".config", "switchboard", "mcp.json"));
    expect(defaultConfigPath({ HOME: home, XDG_CONFIG_HOME: "/x" })).toBe("/x/switchboard/mcp.json");
    fs.mkdirSync(path.join(home, ".config", "switchboard"), { recursive: true });
    fs.writeFileSync(
      path.join(home, ".config", "switchboard", "mcp.json"),
      JSON.stringify({ url: "http://127.0.0.1:3000", apiKey: KEY, timeoutSeconds: 30 }),
    );
    const c = resolveConfig([], { HOME: home });
    expect([c.url.href, c.key, c.timeoutMs]).toEqual(["http://127.0.0.1:3000/api/mcp", KEY, 30_000]);
    const other = file("other.json", { url: "https://other.example", apiKey: KEY });
    expect(resolveConfig(["--config", other], { HOME: home }).url.host).toBe("other.example");
  });

  it("errors say what to do, with exit code 2, and never contain the key", () => {
    const bad = (argv: string[], env: Record<string, string>) => {
      try {
        resolveConfig(argv, env);
      } catch (e) {
        expect(e).toBeInstanceOf(BridgeConfigError);
        expect((e as BridgeConfigError).exitCode).toBe(2);
        return (e as Error).message;
      }
      throw new Error("expected an error");
    };
    const empty = fs.mkdtempSync(path.join(home, "empty-"));
    expect(bad([], { HOME: empty, SWITCHBOARD_API_KEY: KEY })).toMatch(/No Switchboard URL: pass --url, set SWITCHBOARD_URL/);
    expect(bad(["--url", "http://x.example"], { HOME: empty })).toMatch(/No API key: set SWITCHBOARD_API_KEY/);
    const notUrl = bad(["--url", "switchboard.example", "--key", KEY], { HOME: empty });
    expect(notUrl).toMatch(/from --url is not a URL/);
    expect(notUrl).not.toContain("secret-part");
    expect(bad(["--url", "ftp://x.example", "--key", KEY], { HOME: empty })).toMatch(/http:\/\/ or https:\/\//);
    expect(bad(["--key", `Bearer ${KEY}`, "--url", "http://x.example"], { HOME: empty })).toMatch(/without "Bearer"/);
    expect(bad([], { HOME: empty, SWITCHBOARD_CONFIG: file("broken.json", "{nope") })).toMatch(/is not valid JSON/);
    expect(bad([], { HOME: empty, SWITCHBOARD_CONFIG: path.join(empty, "missing.json") })).toMatch(/Cannot read the config file/);
    expect(bad(["--bogus"], { HOME: empty })).toMatch(/Unknown argument "--bogus"/);
    expect(bad(["--url", "http://x.example", "--key", KEY, "--timeout", "0"], { HOME: empty })).toMatch(/--timeout/);
  });

  it("a missing default config file is fine; --flag=value works", () => {
    const empty = fs.mkdtempSync(path.join(home, "none-"));
    const c = resolveConfig([`--url=http://127.0.0.1:3000/`, `--key=${KEY}`], { HOME: empty });
    expect(c.url.href).toBe("http://127.0.0.1:3000/api/mcp");
  });
});
