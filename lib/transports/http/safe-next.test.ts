import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it.each([
    "/console",
    "/console?case=6f1c&x=1",
    "/admin/calls/abc#transcript",
    "/admin/keys",
    "/a/%2F%2Fevil.example", // an encoded slash stays inside the path
    "/%09/evil.example", // still encoded: a path segment, not a host
  ])("keeps the same-site path %s", (p) => {
    expect(safeNextPath(p)).toBe(p);
  });

  it.each([
    ["protocol-relative", "//evil.example/"],
    ["backslash", "/\\evil.example"],
    ["backslashes", "\\\\evil.example"],
    ["tab inside (the reported redirect)", "/\t/evil.example/"],
    ["CR LF inside", "/\r\n/evil.example"],
    ["leading tab", "\t//evil.example"],
    ["tab alone", "\t"],
    ["javascript:", "javascript:alert(1)"],
    ["mixed-case scheme", "JaVaScRiPt:alert(1)"],
    ["absolute URL", "https://evil.example/console"],
    ["scheme-relative with userinfo", "//user@evil.example"],
    ["dot segment to //", "/.//evil.example"],
    ["dot-dot segment to //", "/x/..//evil.example"],
    ["percent-encoded tab (if decoded twice)", decodeURIComponent("%2F%09%2Fevil.example%2F")],
    ["NUL", "/\u0000/evil.example"],
    ["empty", ""],
    ["relative", "console"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["very long", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_what, p) => {
    expect(safeNextPath(p)).toBe("/console");
  });

  it("treats a missing value and non-strings as the fallback", () => {
    expect(safeNextPath(undefined)).toBe("/console");
    expect(safeNextPath(null, "/admin")).toBe("/admin");
    expect(safeNextPath(["/x"] as unknown as string)).toBe("/console");
  });

  it("returns the normalised path, which a browser resolves on this site", () => {
    const out = safeNextPath("/console/../admin/./keys?x=1");
    expect(out).toBe("/admin/keys?x=1");
    expect(new URL(out, "https://app.example").origin).toBe("https://app.example");
  });
});
