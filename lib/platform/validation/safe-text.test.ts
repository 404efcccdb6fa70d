import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues } from "@/lib/platform/errors";
import { safeJsonObject, safeText, storableText, textProblem } from "@/lib/platform/validation/safe-text";

const messageOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : describeIssues(r.error.issues);
};

describe("safeText", () => {
  it("refuses NUL and unpaired surrogates, naming the field; keeps ordinary and astral text", () => {
    const s = z.object({ question: safeText().trim().min(1).max(50) });
    expect(messageOf(s, { question: "a\u0000b" })).toBe("question: must not contain NUL (\\u0000) characters");
    expect(messageOf(s, { question: "lone \ud800 high" })).toMatch(/^question: must be valid Unicode/);
    expect(messageOf(s, { question: "lone \udc00 low" })).toMatch(/^question: must be valid Unicode/);
    expect(s.parse({ question: "  Grüße 👋 \u200b  " }).question).toBe("Grüße 👋 \u200b");
    expect(messageOf(s, { question: 5 })).toMatch(/^question: /);
  });

  it("textProblem is null for storable text", () => {
    expect(textProblem("ok \ud83d\ude00")).toBeNull();
    expect(textProblem("\u0000")).not.toBeNull();
  });
});

describe("safeJsonObject", () => {
  const s = z.object({ callerInfo: safeJsonObject({ maxDepth: 4 }) });
  const nest = (levels: number): unknown => {
    let v: unknown = "leaf";
    for (let i = 0; i < levels; i++) v = { a: v };
    return v;
  };

  it("bounds the depth, counting the object itself as level 1", () => {
    expect(messageOf(s, { callerInfo: nest(4) })).toBeNull();
    expect(messageOf(s, { callerInfo: nest(5) })).toBe("callerInfo: must be nested at most 4 levels deep");
    expect(messageOf(s, { callerInfo: { list: [[[["x"]]]] } })).toBe("callerInfo: must be nested at most 4 levels deep");
  });

  it("refuses 5,000 levels without overflowing the stack", () => {
    expect(messageOf(s, { callerInfo: nest(5000) })).toMatch(/^callerInfo: must be nested at most 4 levels/);
  });

  it("names the path of unsafe strings and keys anywhere inside", () => {
    expect(messageOf(s, { callerInfo: { account: { name: "x\u0000" } } })).toBe(
      "callerInfo.account.name: must not contain NUL (\\u0000) characters",
    );
    expect(messageOf(s, { callerInfo: { tags: ["ok", "\ud800"] } })).toMatch(/^callerInfo\.tags\.1: must be valid Unicode/);
    expect(messageOf(s, { callerInfo: { nested: { "k\u0000": 1 } } })).toBe(
      "callerInfo.nested: keys must not contain NUL (\\u0000) characters",
    );
    expect(messageOf(s, { callerInfo: "not an object" })).toMatch(/^callerInfo: /);
    expect(s.parse({ callerInfo: { name: "Ana", phone: "+14155550123", vip: true, visits: [1, 2] } }).callerInfo.name).toBe("Ana");
  });
});

describe("storableText", () => {
  it("turns NUL and lone surrogates into U+FFFD and keeps everything else, accents and emoji included", () => {
    expect(storableText("a\u0000b")).toBe("a\uFFFDb");
    expect(storableText("x\uD800y\uDC00z")).toBe("x\uFFFDy\uFFFDz");
    expect(storableText("Crème brûlée 😀")).toBe("Crème brûlée 😀");
    expect(textProblem(storableText("\u0000\uD83D"))).toBeNull();
  });
});
