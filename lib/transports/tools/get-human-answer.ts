import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import { getHumanAnswer } from "@/lib/domains/hitl/ask-human";
import { toolResultSchema } from "@/lib/domains/hitl/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const getHumanAnswerTool = defineTool({
  name: "get_human_answer",
  title: "Get a human's answer",
  description:
    "Check on a question escalated with ask_human; optionally wait up to waitSeconds for the answer. Same result shape as ask_human.",
  input: z.object({
    caseId: safeText().min(1).max(100).optional().describe("The caseId ask_human returned."),
    sessionId: safeText().max(200).optional().describe("Instead of caseId: the sessionId given to ask_human (its latest case)."),
    waitSeconds: z.number().min(0).max(55).optional().describe("How long to wait for an answer while the case is open, 0–55 s; default 0."),
  }),
  output: toolResultSchema,
  annotations: { readOnlyHint: true, openWorldHint: true },
  scopes: ["hitl:ask", "hitl:answer"],
  errors: "hitl",
  run: (input, ctx) =>
    getHumanAnswer(ctx.deps, ctx.principal, input, { signal: ctx.signal, onProgress: ctx.progress("Waiting for a person to answer") }),
});
