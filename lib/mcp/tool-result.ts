import { getConfig } from "@/lib/config/env";
import { isAppError } from "@/lib/errors";
import type { ToolResult } from "@/lib/hitl/schemas";
import { log } from "@/lib/log";
import { isDependencyDown } from "@/lib/resilience/dependency-error";

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
  // An unreachable dependency is an outage, not the caller's mistake: the agent gets a sentence to say.
  if (isAppError(e) && !isDependencyDown(e)) return { content: [{ type: "text", text: e.message }], isError: true };
  if (isDependencyDown(e)) log.warn({ tool, err: e instanceof Error ? e.message : String(e) }, "tool degraded: dependency unreachable");
  else log.error({ tool, err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e) }, "tool failed");
  return toolSuccess({ status: "unavailable", message: getConfig().FALLBACK_UNREACHABLE });
}

export async function runTool(tool: string, fn: () => Promise<ToolResult>): Promise<CallToolResult> {
  try {
    return toolSuccess(await fn());
  } catch (e) {
    return toolFailure(e, tool);
  }
}
