import type { McpServer, RegisteredTool } from "@modelcontextprotocol/server";
import type { z } from "zod";
import { type McpRequestContext, originOf, principalOf, progressReporter } from "@/lib/transports/mcp/context";
import type { Tool, ToolRequest } from "@/lib/transports/tools/define-tool";
import { toolErrorText, toolFailure, toolSuccess } from "@/lib/transports/tools/tool-result";

/**
 * Offers a tool on an MCP server: the scope check (a tool error naming the missing scope), the success result
 * (`structuredContent` plus the same JSON as text) and the one error mapping (lib/transports/tools/tool-result.ts).
 * The SDK has validated the arguments with the tool's own schema by then.
 */
export function registerTool(server: McpServer, tool: Tool): RegisteredTool {
  return server.registerTool(tool.name, tool.config, (async (input: z.infer<z.ZodObject>, extra: unknown) => {
    const ctx = extra as McpRequestContext;
    try {
      const principal = principalOf(ctx);
      const refused = tool.refusal(principal);
      if (refused) return toolErrorText(refused.message);
      const request: ToolRequest = {
        principal,
        entry: "mcp",
        origin: originOf(ctx),
        signal: ctx.mcpReq.signal,
        progress: (what) => progressReporter(ctx, what),
      };
      return toolSuccess((await tool.execute(input, request)) as Record<string, unknown>);
    } catch (e) {
      return toolFailure(e, tool.name, tool.errors);
    }
  }) as never);
}
