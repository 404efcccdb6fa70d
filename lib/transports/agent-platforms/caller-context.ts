import { safeJsonObject, storableText } from "@/lib/platform/validation/safe-text";

/** createCaseSchema's bounds on conversationHistory and ids. */
const MAX_TURNS = 100;
const MAX_CONTENT = 4000;
const MAX_ID = 200;

/** An id from a platform's call object, as text PostgreSQL can store and createCaseSchema accepts. */
export const boundedId = (s: string | undefined) => (s ? storableText(s).slice(0, MAX_ID) : undefined);

/** Turns of a transcript as conversationHistory: the newest 100, each cut to 4000 characters (its end kept). */
export function boundedHistory(turns: Array<{ role: string; content: string }>): Array<{ role: string; content: string }> | undefined {
  if (!turns.length) return undefined;
  return turns.slice(-MAX_TURNS).map((t) => {
    const content = storableText(t.content);
    return {
      role: storableText(t.role).trim().slice(0, 32) || "unknown",
      content: content.length > MAX_CONTENT ? `…${content.slice(-(MAX_CONTENT - 1))}` : content,
    };
  });
}

/** What a call says about who is on the line, kept only when createCaseSchema will take it (metadata too deep is left out). */
export function boundedCallerInfo(info: Record<string, unknown>): Record<string, unknown> | undefined {
  const out = { ...info };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  if (!safeJsonObject().safeParse(out).success) delete out.metadata;
  return Object.keys(out).length ? out : undefined;
}

/**
 * The call's context into ask_human's arguments, the same for every platform: the call's ids win over the
 * model's (they make the platform's retries idempotent); what the model passed in callerInfo is kept beside
 * the call's fields; its own conversationHistory is kept. get_human_answer without a caseId reads the call's
 * latest question (ask_human used the call id as sessionId).
 */
export function argsWithCallContext(
  tool: string,
  args: Record<string, unknown>,
  call: { callId?: string; agentId?: string; callerInfo?: Record<string, unknown>; history?: Array<{ role: string; content: string }> },
): Record<string, unknown> {
  const callId = boundedId(call.callId);
  if (tool === "ask_human") {
    const given =
      args.callerInfo && typeof args.callerInfo === "object" && !Array.isArray(args.callerInfo)
        ? (args.callerInfo as Record<string, unknown>)
        : undefined;
    const fromCall = call.callerInfo;
    return {
      ...args,
      ...(callId ? { callId, sessionId: args.sessionId ?? callId } : {}),
      ...(call.agentId ? { agentId: boundedId(call.agentId) } : {}),
      ...((fromCall || given) && (given || args.callerInfo === undefined) ? { callerInfo: { ...given, ...fromCall } } : {}),
      ...(args.conversationHistory === undefined ? { conversationHistory: call.history } : {}),
    };
  }
  if (tool === "get_human_answer" && args.caseId === undefined && args.sessionId === undefined && callId)
    return { ...args, sessionId: callId };
  return args;
}
