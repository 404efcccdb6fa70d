import type { McpServer, RegisteredTool } from "@modelcontextprotocol/server";
import { type McpRequestContext, originOf, principalOf, progressReporter } from "@/lib/transports/mcp/context";
import type { Tool, ToolRequest } from "@/lib/transports/tools/define-tool";
import { toolErrorText, toolFailure, toolSuccess } from "@/lib/transports/tools/tool-result";

/**
 * Offers a tool on an MCP server: the scope check (a tool error naming the missing scope), the success result
 * (`structuredContent` plus the same JSON as text) and the one error mapping (lib/transports/tools/tool-result.ts).
 * The SDK lists the tool's input schema but does not validate the arguments (`listedOnly` in define-tool.ts): they
 * reach `execute` as the client sent them and are parsed once there, after the scope check.
 */
export function registerTool(server: McpServer, tool: Tool): RegisteredTool {
  return server.registerTool(tool.name, tool.config, (async (args: unknown, extra: unknown) => {
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
      return toolSuccess((await tool.execute(args, request)) as Record<string, unknown>);
    } catch (e) {
      return toolFailure(e, tool.name, tool.errors);
    }
  }) as never);
}
