import { getConfig } from "@/lib/config/env";
import { isAppError } from "@/lib/errors";
import type { ToolResult } from "@/lib/hitl/schemas";
import { errorForLog, log } from "@/lib/log";

type CallToolResult = {
  content: Array<{ type: "text"; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

export function toolSuccess(result: ToolResult): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
}

/**
 * The one place an error becomes an MCP tool result. Bad input or a missing case is a tool error
 * naming the problem; a platform failure still gives the agent a sentence it can say.
 */
export function toolFailure(e: unknown, tool: string): CallToolResult {
  if (isAppError(e)) return { content: [{ type: "text", text: e.message }], isError: true };
  log.error({ tool, err: errorForLog(e) }, "tool failed");
  return toolSuccess({ status: "unavailable", message: getConfig().FALLBACK_UNREACHABLE });
}

export async function runTool(tool: string, fn: () => Promise<ToolResult>): Promise<CallToolResult> {
  try {
    return toolSuccess(await fn());
  } catch (e) {
    return toolFailure(e, tool);
  }
}
