import { describe, expect, it } from "vitest";
import { readCookie } from "@/lib/transports/http/authenticate";

const withCookie = (cookie: string) => new Request("http://x.test/", { headers: { cookie } });

describe("readCookie", () => {
  it("reads and decodes a cookie", () => {
    expect(readCookie(withCookie("a=1; sb_session=abc%2Fdef"), "sb_session")).toBe("abc/def");
    expect(readCookie(withCookie("a=1"), "sb_session")).toBeNull();
  });

  it("ignores a value that is not valid percent-encoding instead of throwing URIError", () => {
    expect(() => readCookie(withCookie("sb_session=%E0%A4%A"), "sb_session")).not.toThrow();
    expect(readCookie(withCookie("sb_session=%E0%A4%A"), "sb_session")).toBeNull();
  });
});
