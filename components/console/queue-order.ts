import type { ConsoleCase } from "@/components/console/types";

const URGENCY_RANK = { high: 0, medium: 1, low: 2 } as const;

/** The queue's order: priority (5 first), then urgency (high first), then age (oldest first). */
export function compareQueue(a: ConsoleCase, b: ConsoleCase): number {
  return (
    b.priority - a.priority ||
    URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

export const isLive = (c: Pick<ConsoleCase, "status">) => c.status === "open" || c.status === "claimed";

/** Cases that should ring: priority 4–5 or high urgency get the stronger alert. */
export const isUrgent = (c: Pick<ConsoleCase, "priority" | "urgency">) => c.priority >= 4 || c.urgency === "high";

export function sortQueue(cases: Iterable<ConsoleCase>): ConsoleCase[] {
  return [...cases].filter(isLive).sort(compareQueue);
}
