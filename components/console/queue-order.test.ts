import { describe, expect, it } from "vitest";
import { isUrgent, sortQueue } from "@/components/console/queue-order";
import type { ConsoleCase } from "@/components/console/types";

const c = (id: string, priority: number, urgency: "low" | "medium" | "high", createdAt: string, status: ConsoleCase["status"] = "open") =>
  ({ id, priority, urgency, createdAt, status }) as ConsoleCase;

describe("sortQueue", () => {
  it("orders by priority, then urgency, then age, and drops closed cases", () => {
    const rows = [
      c("old-low", 3, "low", "2026-01-01T00:00:00Z"),
      c("new-high", 3, "high", "2026-01-01T00:05:00Z"),
      c("p5", 5, "low", "2026-01-01T00:09:00Z"),
      c("older-high", 3, "high", "2026-01-01T00:01:00Z", "claimed"),
      c("done", 5, "high", "2026-01-01T00:00:00Z", "answered"),
    ];
    expect(sortQueue(rows).map((r) => r.id)).toEqual(["p5", "older-high", "new-high", "old-low"]);
  });

  it("calls priority ≥ 4 or high urgency urgent", () => {
    expect(isUrgent({ priority: 4, urgency: "low" })).toBe(true);
    expect(isUrgent({ priority: 1, urgency: "high" })).toBe(true);
    expect(isUrgent({ priority: 3, urgency: "medium" })).toBe(false);
  });
});
