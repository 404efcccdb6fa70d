import { describe, expect, it } from "vitest";
import { expandShortcuts, shortcutAtCaret } from "@/lib/domains/canned-replies/expand-shortcut";

const replies = [
  { shortcut: "hours", body: "We are open 9–5, Monday to Friday." },
  { shortcut: "thanks", body: "Thank you for waiting!" },
];

describe("expandShortcuts", () => {
  it("expands a known shortcut at the start and moves the caret after it", () => {
    const r = expandShortcuts("/hours", replies);
    expect(r).toEqual({ text: "We are open 9–5, Monday to Friday.", caret: 34, expanded: 1 });
  });

  it("expands several, case-insensitively, keeping the rest of the text", () => {
    expect(expandShortcuts("Hi! /THANKS /hours", replies).text).toBe("Hi! Thank you for waiting! We are open 9–5, Monday to Friday.");
  });

  it("leaves unknown shortcuts, URLs and partial words alone", () => {
    for (const t of ["/nope", "see a/hours", "/hoursx", "http://x/hours"]) expect(expandShortcuts(t, replies).text).toBe(t);
  });

  it("keeps the caret before an expansion that follows it", () => {
    expect(expandShortcuts("ab /hours", replies, 1).caret).toBe(1);
  });
});

describe("shortcutAtCaret", () => {
  it("finds the token being typed", () => {
    expect(shortcutAtCaret("Hello /ho", 9)).toEqual({ start: 6, query: "ho" });
    expect(shortcutAtCaret("/", 1)).toEqual({ start: 0, query: "" });
  });
  it("is null outside a token", () => {
    expect(shortcutAtCaret("a/b", 3)).toBeNull();
    expect(shortcutAtCaret("hello", 5)).toBeNull();
  });
});
