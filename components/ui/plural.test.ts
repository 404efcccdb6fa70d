import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it("uses the singular only for exactly one", () => {
    expect(plural(1, "admin")).toBe("1 admin");
    expect(plural(0, "admin")).toBe("0 admins");
    expect(plural(2, "reply", "replies")).toBe("2 replies");
  });
});
