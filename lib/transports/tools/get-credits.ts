import { z } from "zod";
import { getCredits } from "@/lib/domains/credits/account-credits";
import { creditsSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const getCreditsTool = defineTool({
  name: "get_credits",
  title: "Get credits",
  description:
    "The account's credit balance (balance, held by calls in progress, available) and recent ledger entries, newest first. Needs calls:read.",
  input: z.object({ limit: z.number().int().min(1).max(200).optional().describe("How many ledger entries; default 20.") }),
  output: creditsSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  scopes: ["calls:read"],
  runRaw: (args, ctx) => getCredits(ctx.deps, ctx.principal, args as { limit?: unknown }),
});
