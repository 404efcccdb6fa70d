import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { safeText } from "@/lib/validation/safe-text";
import { getDeps } from "@/lib/deps";
import { cancelHumanRequest } from "@/lib/hitl/ask-human";
import { toolResultSchema } from "@/lib/hitl/schemas";
import { principalOf, type ToolContext } from "@/lib/mcp/context";
import { runTool } from "@/lib/mcp/tool-result";
import { deniedTool, type ToolScopes } from "@/lib/mcp/tool-scopes";

/** The tool's contract (name, schemas, annotations); bench/figures/bare-server.ts registers the same one. */
export const cancelHumanRequestTool = {
  name: "cancel_human_request",
  scopes: ["hitl:ask"] as ToolScopes,
  config: {
    title: "Cancel a human request",
    description: "Withdraw a question escalated with ask_human (e.g. the caller hung up or the question resolved itself). If a person already answered, returns the answer instead.",
    inputSchema: z.object({ caseId: safeText().min(1).max(100).describe("The caseId ask_human returned.") }),
    outputSchema: toolResultSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
} as const;

export function registerCancelHumanRequest(server: McpServer) {
  server.registerTool(
    cancelHumanRequestTool.name,
    cancelHumanRequestTool.config,
    async (args, ctx) => deniedTool(ctx, cancelHumanRequestTool.scopes) ?? runTool("cancel_human_request", async () => cancelHumanRequest(await getDeps(), principalOf(ctx as ToolContext), args)),
  );
}
