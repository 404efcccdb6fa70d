import { type Config, getConfig } from "@/lib/platform/config/env";
import { isDatabaseFault } from "@/lib/adapters/db/guard";
import { type AppError, inputErrorOf, isAppError } from "@/lib/platform/errors";
import { errorForLog, log } from "@/lib/platform/log";
import { isBusy, isDependencyDown } from "@/lib/platform/resilience/dependency-error";
import { countShed } from "@/lib/platform/resilience/shed-counts";
import type { ToolEntry } from "@/lib/platform/agent-platform-ids";

export type CallToolResult = {
  content: Array<{ type: "text"; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

/**
 * How a tool speaks when it cannot do its work (the tool declares it; every entry honours it):
 * - `standard`: a refusal is its own sentence; an outage is "…try again shortly".
 * - `hitl`: the same refusals, but an outage — an unreachable dependency too — is an ordinary result,
 *   `{ status: "unavailable", message: FALLBACK_UNREACHABLE }`, the sentence the account configured.
 * - `golf`: refusals and outages are JSON `{ message, error }`, so the model reads the sentence and the code together.
 */
export type ErrorStyle = "standard" | "hitl" | "golf";

const STANDARD_DOWN = "Switchboard could not complete this request right now; try again shortly.";
const GOLF_DOWN = "I can't reach the tee sheet right now; please try again in a minute.";

/** The sentence an agent says when Switchboard itself failed the tool. */
export function outageSentence(style: ErrorStyle, config: Pick<Config, "FALLBACK_UNREACHABLE">): string {
  return style === "hitl" ? config.FALLBACK_UNREACHABLE : style === "golf" ? GOLF_DOWN : STANDARD_DOWN;
}

/** What a HITL tool answers when it could not do its work: "busy" (load; FALLBACK_BUSY) or "unavailable" (an outage). */
export function hitlFallback(failure: Failure, config: Pick<Config, "FALLBACK_UNREACHABLE" | "FALLBACK_BUSY">) {
  return failure.kind === "busy"
    ? { status: "busy" as const, message: config.FALLBACK_BUSY }
    : { status: "unavailable" as const, message: config.FALLBACK_UNREACHABLE };
}

/**
 * What went wrong, for any entry: `refused` — the caller's mistake (an AppError: bad input, missing record,
 * no scope; or bad input only the database noticed), said back naming the problem; `unreachable` — a
 * dependency we could not reach; `failed` — anything else, a platform failure. Logged here, once.
 */
export type Failure =
  | { kind: "refused"; error: AppError }
  | { kind: "busy"; error: AppError }
  | { kind: "unreachable"; error: AppError | null }
  | { kind: "failed" };

/** A dependency we could not reach: the breaker's `unavailable` AppError, or a raw connection failure of the database. */
export const isUnreachable = (e: unknown): boolean => isDependencyDown(e) || (!isAppError(e) && isDatabaseFault(e));

export function classifyFailure(e: unknown, tool: string, entry: ToolEntry): Failure {
  const what = entry === "mcp" ? "tool" : `${entry} function`;
  // Load, not an outage (lib/platform/resilience/dependency-error.ts): counted apart, never "unreachable".
  if (isBusy(e) && isAppError(e)) {
    countShed("busy");
    log.warn({ tool, entry }, `${what} shed: too busy`);
    return { kind: "busy", error: e };
  }
  if (isUnreachable(e)) {
    countShed("unreachable");
    log.warn({ tool, entry, err: errorForLog(e) }, `${what} degraded: dependency unreachable`);
    return { kind: "unreachable", error: isAppError(e) ? e : null };
  }
  if (isAppError(e)) return { kind: "refused", error: e };
  const input = inputErrorOf(e);
  if (input) {
    log.warn(
      { tool, entry, err: e instanceof Error ? e.name : String(e) },
      "bad input reached the database (a schema should have refused it)",
    );
    return { kind: "refused", error: input };
  }
  log.error({ tool, entry, err: errorForLog(e) }, `${what} failed`);
  return { kind: "failed" };
}

export function toolSuccess(result: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
}

/** A tool error result whose text is the sentence itself (every style answers a missing scope this way). */
export function toolErrorText(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

const toolError = (style: ErrorStyle, message: string, code: string) =>
  toolErrorText(style === "golf" ? JSON.stringify({ message, error: code }) : message);

/** The one place a failed tool call becomes an MCP result, in the tool's style. */
export function toolFailure(e: unknown, tool: string, style: ErrorStyle): CallToolResult {
  const failure = classifyFailure(e, tool, "mcp");
  if (failure.kind === "refused") return toolError(style, failure.error.message, failure.error.code);
  if (style === "hitl") return toolSuccess(hitlFallback(failure, getConfig()));
  if (failure.kind === "busy") return toolError(style, failure.error.message, failure.error.code);
  // Elsewhere an unreachable dependency is named in our words ("The database is unreachable right now; try again shortly.").
  if (failure.kind === "unreachable" && failure.error) return toolError(style, failure.error.message, failure.error.code);
  return toolError(style, outageSentence(style, getConfig()), "internal");
}
