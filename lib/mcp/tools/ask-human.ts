import type { McpServer } from "@modelcontextprotocol/server";
import { getDeps } from "@/lib/deps";
import { askHuman } from "@/lib/hitl/ask-human";
import { createCaseSchema, toolResultSchema } from "@/lib/hitl/schemas";
import { principalOf, progressReporter, type ToolContext } from "@/lib/mcp/context";
import { runTool } from "@/lib/mcp/tool-result";
import { deniedTool, type ToolScopes } from "@/lib/mcp/tool-scopes";

/** The tool's contract (name, schemas, annotations); bench/figures/bare-server.ts registers the same one. */
export const askHumanTool = {
  name: "ask_human",
  scopes: ["hitl:ask"] as ToolScopes,
  config: {
    title: "Ask a human",
    description:
      "Escalate a question you cannot answer to a person and wait (up to timeoutSeconds, default 45) for their answer. " +
      "Returns status answered (say `message`), pending (say `message`, then call get_human_answer later), " +
      "unavailable (nobody can answer now; say `message`) or cancelled. Pass callId/sessionId so retries never create duplicates.",
    inputSchema: createCaseSchema,
    outputSchema: toolResultSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  },
} as const;

export function registerAskHuman(server: McpServer) {
  server.registerTool(
    askHumanTool.name,
    askHumanTool.config,
    async (input, ctx) =>
      deniedTool(ctx, askHumanTool.scopes) ??
      runTool("ask_human", async () =>
        askHuman(await getDeps(), principalOf(ctx as ToolContext), input, {
          signal: (ctx as ToolContext).mcpReq.signal,
          onProgress: progressReporter(ctx as ToolContext, "Waiting for a person to answer"),
        }),
      ),
  );
}
