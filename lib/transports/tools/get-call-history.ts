import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import { listCalls } from "@/lib/domains/calls/list-calls";
import { callSchema, callStatusSchema, phoneNumberSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const getCallHistoryTool = defineTool({
  name: "get_call_history",
  title: "Get call history",
  description:
    "Your calls, newest first. Filter by status, date range (from/to, ISO 8601) and phone number; page with nextCursor. Needs calls:read.",
  input: z.object({
    status: z.array(callStatusSchema).optional().describe("Only calls in these statuses."),
    from: safeText().max(40).optional().describe("Created at or after (ISO 8601)."),
    to: safeText().max(40).optional().describe("Created before (ISO 8601)."),
    phoneNumber: phoneNumberSchema.optional(),
    limit: z.number().int().min(1).max(100).optional().describe("Page size, 1–100; default 20."),
    cursor: safeText().max(200).optional().describe("nextCursor from the previous page."),
  }),
  output: z.object({ calls: z.array(callSchema), nextCursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["calls:read"],
  runRaw: (args, ctx) => listCalls(ctx.deps, ctx.principal, args),
});
