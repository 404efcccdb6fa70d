import { getConfig } from "@/lib/config/env";
import { inputErrorOf, isAppError } from "@/lib/errors";
import type { ToolResult } from "@/lib/hitl/schemas";
import { errorForLog, log } from "@/lib/log";
import { isDependencyDown } from "@/lib/resilience/dependency-error";

type CallToolResult = {
  content: Array<{ type: "text"; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

export function toolSuccess(result: ToolResult): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
}

const toolError = (text: string): CallToolResult => ({ content: [{ type: "text", text }], isError: true });

/**
 * Sorts a failed tool call: the caller's fault (an AppError — bad input, missing case, no scope — or bad
 * input only the database noticed) becomes a tool error naming the problem; only anything else is a
 * platform failure, logged here, for which the caller gets `null` and chooses its fallback.
 */
export function clientToolError(e: unknown, tool: string): CallToolResult | null {
  if (isAppError(e) && e.status < 500) return toolError(e.message);
  const input = isAppError(e) ? null : inputErrorOf(e);
  if (input) {
    log.warn({ tool, err: e instanceof Error ? e.name : String(e) }, "bad input reached the database (a schema should have refused it)");
    return toolError(input.message);
  }
  if (isAppError(e)) return toolError(e.message); // 503 and the like: says what is down, in our words
  log.error({ tool, err: errorForLog(e) }, "tool failed");
  return null;
}

/**
 * The one place a HITL tool's error becomes an MCP result. Bad input is a tool error naming the field,
 * never the outage sentence; only a genuine platform failure gives the agent FALLBACK_UNREACHABLE to say.
 */
export function toolFailure(e: unknown, tool: string): CallToolResult {
  // An unreachable dependency is an outage, not the caller's mistake: the agent gets a sentence to say.
  if (isDependencyDown(e)) {
    log.warn({ tool, err: errorForLog(e) }, "tool degraded: dependency unreachable");
    return toolSuccess({ status: "unavailable", message: getConfig().FALLBACK_UNREACHABLE });
  }
  return clientToolError(e, tool) ?? toolSuccess({ status: "unavailable", message: getConfig().FALLBACK_UNREACHABLE });
}

export async function runTool(tool: string, fn: () => Promise<ToolResult>): Promise<CallToolResult> {
  try {
    return toolSuccess(await fn());
  } catch (e) {
    return toolFailure(e, tool);
  }
}
