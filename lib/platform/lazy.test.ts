import { describe, expect, it } from "vitest";
import { createLazy } from "@/lib/platform/lazy";

describe("createLazy", () => {
  it("builds a value once, on first use, and rebuilds it (disposing the old one) when its settings change", () => {
    const lazy = createLazy();
    const built: string[] = [];
    const disposed: string[] = [];
    const get = (key: string) =>
      lazy(
        "adapter",
        key,
        () => (built.push(key), `adapter ${key}`),
        (old) => void disposed.push(old),
      );
    expect(built).toEqual([]);
    expect(get("a")).toBe("adapter a");
    expect(get("a")).toBe("adapter a");
    expect(built).toEqual(["a"]);
    expect(get("b")).toBe("adapter b");
    expect([built, disposed]).toEqual([["a", "b"], ["adapter a"]]);
  });

  it("a pinned value wins whatever the settings until reset; forget drops only the value it names", () => {
    const lazy = createLazy();
    lazy.pin("adapter", "stand-in");
    expect(lazy("adapter", "any", () => "built")).toBe("stand-in");
    lazy.reset();
    expect(lazy("adapter", "any", () => "built")).toBe("built");
    lazy.forget("adapter", "something else");
    expect(lazy("adapter", "any", () => "rebuilt")).toBe("built");
    lazy.forget("adapter", "built");
    expect(lazy("adapter", "any", () => "rebuilt")).toBe("rebuilt");
  });

  it("a value whose construction throws is not kept", () => {
    const lazy = createLazy();
    expect(() =>
      lazy("adapter", "", () => {
        throw new Error("misconfigured");
      }),
    ).toThrow("misconfigured");
    expect(lazy("adapter", "", () => "fixed")).toBe("fixed");
  });
});
