import { describe, expect, it } from "vitest";
import { assertRegistrableRedirectUri, redirectUriMatches } from "@/lib/domains/oauth/redirect-uris";
import { addressAllowed } from "@/lib/domains/oauth/safe-fetch";

describe("redirect URIs", () => {
  it("exact match, except a loopback http redirect may use any port (RFC 8252 §7.3)", () => {
    const reg = [
      "http://127.0.0.1:33418/callback",
      "https://claude.ai/api/mcp/auth_callback",
      "cursor://anysphere.cursor-retrieval/oauth/cb",
    ];
    expect(redirectUriMatches(reg, "http://127.0.0.1:50123/callback")).toBe(true);
    expect(redirectUriMatches(reg, "http://127.0.0.1/callback")).toBe(true);
    expect(redirectUriMatches(reg, "http://127.0.0.1:50123/other")).toBe(false);
    expect(redirectUriMatches(reg, "http://localhost:50123/callback")).toBe(false); // another host is another URI
    expect(redirectUriMatches(reg, "https://claude.ai/api/mcp/auth_callback")).toBe(true);
    expect(redirectUriMatches(reg, "https://claude.ai:444/api/mcp/auth_callback")).toBe(false); // ports flexible only on loopback
    expect(redirectUriMatches(reg, "https://claude.ai/api/mcp/auth_callback?x=1")).toBe(false);
    expect(redirectUriMatches(reg, "cursor://anysphere.cursor-retrieval/oauth/cb")).toBe(true);
  });

  it("registers https, loopback http and reverse-domain schemes (an allow-list); refuses the rest naming why", () => {
    for (const ok of [
      "https://app.example/cb",
      "http://127.0.0.1:1234/cb",
      "http://[::1]/cb",
      "http://localhost:9/cb",
      "com.example.app:/oauth",
      "vscode://anthropic.claude/cb",
      "cursor://anysphere.cursor-retrieval/oauth/cb",
    ]) {
      expect(assertRegistrableRedirectUri(ok)).toBe(ok);
    }
    const why = (u: unknown) => {
      try {
        assertRegistrableRedirectUri(u);
        return "accepted";
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(why("http://evil.example/cb")).toMatch(/http is allowed only for loopback/);
    expect(why("javascript:alert(1)")).toMatch(/javascript: scheme is not allowed/);
    expect(why("data:text/html,hi")).toMatch(/not allowed/);
    expect(why("https://app.example/cb#frag")).toMatch(/fragment/);
    expect(why("https://user:pw@app.example/cb")).toMatch(/credentials/);
    expect(why("vbscript:x")).toMatch(/not allowed/);
    // Not on the allow-list, so refused although no block-list names them.
    for (const other of [
      "intent://scan/?scheme=zxing",
      "ms-settings:privacy",
      "chrome-extension://abcdef/cb",
      "myapp://cb",
      "mailto:someone@example.test",
      "ftp://files.example/cb",
      "wss://socket.example/cb",
      "jar:https://app.example/x.jar!/",
      "view-source:https://app.example/",
    ]) {
      expect(why(other), other).toMatch(/scheme is not allowed \(use https/);
    }
    expect(why("/relative")).toMatch(/not an absolute URL/);
    expect(why(42)).toMatch(/must be a URL/);
  });
});

describe("client metadata fetch: which addresses may be connected to", () => {
  it("public addresses yes; private, link-local (cloud metadata), reserved no; loopback only when allowed", () => {
    expect(addressAllowed("93.184.216.34", false)).toBe(true);
    expect(addressAllowed("2606:4700::1111", false)).toBe(true);
    for (const bad of [
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "fd00::1",
      "fe80::1",
      "::",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "::ffff:a9fe:a9fe",
    ]) {
      expect(addressAllowed(bad, true), bad).toBe(false);
    }
    expect(addressAllowed("127.0.0.1", false)).toBe(false);
    expect(addressAllowed("::1", false)).toBe(false);
    expect(addressAllowed("::ffff:127.0.0.1", false)).toBe(false);
    expect(addressAllowed("127.0.0.1", true)).toBe(true);
    expect(addressAllowed("not-an-ip", true)).toBe(false);
  });
});
