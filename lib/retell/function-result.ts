import type { Config } from "@/lib/config/env";
import { inputErrorOf, isAppError } from "@/lib/errors";
import { isDatabaseFault } from "@/lib/db/guard";
import { errorForLog, log } from "@/lib/log";
import { isDependencyDown } from "@/lib/resilience/dependency-error";

type Kind = "hitl" | "calls" | "golf";
const CALLS_DOWN = "Switchboard could not complete this request right now; try again shortly.";
const GOLF_DOWN = "I can't reach the tee sheet right now; please try again in a minute.";
const downFor = (kind: Kind, config: Config) => (kind === "hitl" ? config.FALLBACK_UNREACHABLE : kind === "golf" ? GOLF_DOWN : CALLS_DOWN);

/** A successful tool result as Retell's model reads it: `message` first, then the tool's own fields. */
export function functionSuccess(tool: string, result: Record<string, unknown>): Record<string, unknown> {
  const message = typeof result.message === "string" ? result.message : `${tool} succeeded; the details are in the other fields.`;
  return { message, ...result };
}

/**
 * A failed tool call answered 200 so the agent talks on: `message` is a sentence it can say, `error`
 * tells the model what went wrong (the field to fix). Validation problems and other client mistakes name
 * the problem; an outage gives the fallback sentence (FALLBACK_UNREACHABLE for the HITL tools).
 */
export function functionFailure(e: unknown, tool: string, kind: Kind, config: Config): Record<string, unknown> {
  if (isDependencyDown(e) || (!isAppError(e) && isDatabaseFault(e))) {
    log.warn({ tool, entry: "retell", err: errorForLog(e) }, "retell function degraded: dependency unreachable");
    return { message: downFor(kind, config), status: "unavailable" };
  }
  const input = isAppError(e) ? null : inputErrorOf(e);
  const err = input ?? (isAppError(e) ? e : null);
  if (!err) {
    log.error({ tool, entry: "retell", err: errorForLog(e) }, "retell function failed");
    return { message: downFor(kind, config), status: "unavailable" };
  }
  const invalid = err.code === "validation_failed" || err.code === "bad_request";
  return {
    message: invalid ? "Sorry, I couldn't pass that on: some details were missing or not valid." : err.message,
    status: "error",
    error: { code: err.code, message: err.message },
  };
}
