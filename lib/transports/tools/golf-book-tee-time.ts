import { bookTeeTimeInput, bookTeeTimeOutput } from "@/lib/domains/golf/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const golfBookTeeTimeTool = defineTool({
  name: "golf_book_tee_time",
  title: "Book a golf tee time",
  description:
    "Books a slot from golf_search_tee_times for a number of players, with the golfer's name and a phone number or email. Returns the reservation with a confirmation code, and a `message` to say. Pass an idempotencyKey: a retry with it returns the same reservation instead of booking twice. A slot is never overbooked: when it has too few spots the error message says how many are left. Needs golf:write.",
  input: bookTeeTimeInput,
  output: bookTeeTimeOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  scopes: ["golf:write"],
  errors: "golf",
  // Loaded on first use: golf is not on the path of every /api/mcp request (scripts/route-bundles.ts).
  runRaw: async (args, ctx) => (await import("@/lib/domains/golf/book-tee-time")).bookTeeTime(ctx.deps, ctx.principal, args),
});
