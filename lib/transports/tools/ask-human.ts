import { askHuman } from "@/lib/domains/hitl/ask-human";
import { createCaseSchema, createCaseSchemaFor, toolResultSchema } from "@/lib/domains/hitl/schemas";
import { defineTool } from "@/lib/transports/tools/define-tool";

export const askHumanTool = defineTool({
  name: "ask_human",
  title: "Ask a human",
  description:
    "Escalate a question you cannot answer to a person and wait (up to timeoutSeconds, default 45) for their answer. " +
    "Returns status answered or answered_from_memory (a saved answer your team approved; say `message`), pending (say `message`, then call get_human_answer later), " +
    "unavailable (nobody can answer now; say `message`), busy (too many callers at once; say `message`, then ask again shortly) or cancelled. Pass callId/sessionId so retries never create duplicates.",
  input: createCaseSchema,
  // Retell may keep its caller waiting longer than an MCP client (RETELL_MAX_WAIT_SECONDS).
  inputFor: ({ maxWaitSeconds }) => createCaseSchemaFor(maxWaitSeconds ?? 55),
  output: toolResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  scopes: ["hitl:ask"],
  errors: "hitl",
  runRaw: (args, ctx) =>
    askHuman(ctx.deps, ctx.principal, args, {
      signal: ctx.signal,
      source: ctx.entry,
      maxTimeoutSeconds: ctx.maxWaitSeconds,
      onProgress: ctx.progress("Waiting for a person to answer"),
    }),
});
