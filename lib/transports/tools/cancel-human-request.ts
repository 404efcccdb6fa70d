import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import { cancelHumanRequest } from "@/lib/domains/hitl/ask-human";
import { toolResultSchema } from "@/lib/domains/hitl/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const cancelHumanRequestTool = defineTool({
  name: "cancel_human_request",
  title: "Cancel a human request",
  description:
    "Withdraw a question escalated with ask_human (e.g. the caller hung up or the question resolved itself). If a person already answered, returns the answer instead.",
  input: z.object({ caseId: safeText().min(1).max(100).describe("The caseId ask_human returned.") }),
  output: toolResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scopes: ["hitl:ask"],
  errors: "hitl",
  run: (input, ctx) => cancelHumanRequest(ctx.deps, ctx.principal, input),
});
