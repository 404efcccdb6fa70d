import { addCredits } from "@/lib/domains/credits/account-credits";
import { addCreditsSchema, creditsSchema } from "@/lib/domains/calls/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const addCreditsTool = defineTool({
  name: "add_credits",
  title: "Add credits",
  description:
    "Add credits to the account (a negative amount removes unused credits). The ledger records who and why. Needs the admin scope.",
  input: addCreditsSchema,
  output: creditsSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  scopes: ["admin"],
  runRaw: (args, ctx) => addCredits(ctx.deps, ctx.principal, args),
});
