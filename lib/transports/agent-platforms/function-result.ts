import type { Config } from "@/lib/platform/config/env";
import type { AgentPlatformId } from "@/lib/platform/agent-platform-ids";
import { classifyFailure, type ErrorStyle, hitlFallback, outageSentence } from "@/lib/transports/tools/tool-result";

/** A successful tool result as an agent platform's model reads it: `message` first, then the tool's own fields. */
export function functionSuccess(tool: string, result: Record<string, unknown>): Record<string, unknown> {
  const message = typeof result.message === "string" ? result.message : `${tool} succeeded; the details are in the other fields.`;
  return { message, ...result };
}

/**
 * A failed tool call answered 200 so the agent talks on: `message` is a sentence it can say, `error`
 * tells the model what went wrong (the field to fix). Validation problems and other client mistakes name
 * the problem; an outage gives the tool's outage sentence (FALLBACK_UNREACHABLE for the HITL tools).
 * Sorted by the same classification as MCP results (lib/transports/tools/tool-result.ts), only worded for a voice agent.
 */
export function functionFailure(
  e: unknown,
  tool: string,
  style: ErrorStyle,
  config: Config,
  entry: AgentPlatformId = "retell",
): Record<string, unknown> {
  const failure = classifyFailure(e, tool, entry);
  if (failure.kind === "busy" || failure.kind === "unreachable" || failure.kind === "failed") {
    if (style === "hitl") return hitlFallback(failure, config);
    return failure.kind === "busy"
      ? { message: failure.error.message, status: "busy" }
      : { message: outageSentence(style, config), status: "unavailable" };
  }
  const err = failure.error;
  const invalid = err.code === "validation_failed" || err.code === "bad_request";
  return {
    message: invalid ? "Sorry, I couldn't pass that on: some details were missing or not valid." : err.message,
    status: "error",
    error: { code: err.code, message: err.message },
  };
}
