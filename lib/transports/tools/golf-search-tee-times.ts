import { defineTool } from "@/lib/transports/tools/define-tool";
import { searchTeeTimesInput, searchTeeTimesOutput } from "@/lib/domains/golf/schemas";

export const golfSearchTeeTimesTool = defineTool({
  name: "golf_search_tee_times",
  title: "Search golf tee times",
  description:
    "Open tee times for a day: optionally one course (name or id), a time window (HH:MM in the course's local time), the number of players and 9 or 18 holes. Returns slots with time, open spots and price, and a `message` to say. Book one with golf_book_tee_time and its slotId. Needs golf:read.",
  input: searchTeeTimesInput,
  output: searchTeeTimesOutput,
  annotations: { readOnlyHint: true, openWorldHint: true },
  scopes: ["golf:read"],
  errors: "golf",
  // Loaded on first use: golf is not on the path of every /api/mcp request (scripts/route-bundles.ts).
  runRaw: async (args, ctx) => (await import("@/lib/domains/golf/search-tee-times")).searchTeeTimes(ctx.deps, ctx.principal, args),
});
