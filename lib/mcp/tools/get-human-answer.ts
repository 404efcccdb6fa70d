import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { safeText } from "@/lib/validation/safe-text";
import { getDeps } from "@/lib/deps";
import { getHumanAnswer } from "@/lib/hitl/ask-human";
import { toolResultSchema } from "@/lib/hitl/schemas";
import { principalOf, progressReporter, type ToolContext } from "@/lib/mcp/context";
import { runTool } from "@/lib/mcp/tool-result";
import { deniedTool, type ToolScopes } from "@/lib/mcp/tool-scopes";

const input = z.object({
  caseId: safeText().min(1).max(100).optional().describe("The caseId ask_human returned."),
  sessionId: safeText().max(200).optional().describe("Instead of caseId: the sessionId given to ask_human (its latest case)."),
  waitSeconds: z.number().min(0).max(55).optional().describe("How long to wait for an answer while the case is open, 0–55 s; default 0."),
});

/** The tool's contract (name, schemas, annotations); bench/figures/bare-server.ts registers the same one. */
export const getHumanAnswerTool = {
  name: "get_human_answer",
  scopes: ["hitl:ask", "hitl:answer"] as ToolScopes,
  config: {
    title: "Get a human's answer",
    description: "Check on a question escalated with ask_human; optionally wait up to waitSeconds for the answer. Same result shape as ask_human.",
    inputSchema: input,
    outputSchema: toolResultSchema,
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
} as const;

export function registerGetHumanAnswer(server: McpServer) {
  server.registerTool(
    getHumanAnswerTool.name,
    getHumanAnswerTool.config,
    async (args, ctx) =>
      deniedTool(ctx, getHumanAnswerTool.scopes) ??
      runTool("get_human_answer", async () =>
        getHumanAnswer(await getDeps(), principalOf(ctx as ToolContext), args, {
          signal: (ctx as ToolContext).mcpReq.signal,
          onProgress: progressReporter(ctx as ToolContext, "Waiting for a person to answer"),
        }),
      ),
  );
}
