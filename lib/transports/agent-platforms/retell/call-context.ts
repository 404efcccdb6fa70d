import { z } from "zod";
import { safeJsonObject, storableText } from "@/lib/platform/validation/safe-text";
import { argsWithCallContext } from "@/lib/transports/agent-platforms/caller-context";

const text = z.string().optional().catch(undefined);
const turn = z.object({ role: z.string(), content: z.string() });

/**
 * The parts of Retell's call object (see Retell's Get Call API) a custom function request can fill in.
 * Lenient on purpose: a field of an unexpected shape is ignored, never a reason to refuse the caller's request.
 */
export const retellCallSchema = z
  .object({
    call_id: text,
    agent_id: text,
    direction: text,
    from_number: text,
    to_number: text,
    metadata: z.unknown().optional(),
    retell_llm_dynamic_variables: z.unknown().optional(),
    transcript: text,
    // Utterances only: entries of another shape (tool calls, …) are skipped.
    transcript_object: z
      .array(z.unknown())
      .optional()
      .catch(undefined)
      .transform((items) => items?.flatMap((t) => (turn.safeParse(t).success ? [t as z.infer<typeof turn>] : []))),
  })
  .loose();
export type RetellCall = z.infer<typeof retellCallSchema>;

/** createCaseSchema's bounds on conversationHistory. */
const MAX_TURNS = 100;
const MAX_CONTENT = 4000;
const MAX_ID = 200;

/** Text PostgreSQL can store, whatever the transcript held (NUL, lone surrogates become U+FFFD). */
const clean = storableText;
const id = (s: string | undefined) => (s ? clean(s).slice(0, MAX_ID) : undefined);

/** The transcript so far as conversationHistory: the newest 100 turns, each cut to 4000 characters (its end kept). */
export function historyFromCall(call: RetellCall): Array<{ role: string; content: string }> | undefined {
  let turns = call.transcript_object?.map((t) => ({ role: t.role, content: t.content }));
  if (!turns?.length && call.transcript) {
    // "Agent: …\nUser: …" — Retell's plain transcript.
    turns = call.transcript
      .split("\n")
      .map((line) => /^(\w[\w ]{0,30}):\s?(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ role: m[1]!.toLowerCase(), content: m[2]! }));
  }
  if (!turns?.length) return undefined;
  return turns.slice(-MAX_TURNS).map((t) => {
    const content = clean(t.content);
    return {
      role: clean(t.role).trim().slice(0, 32) || "unknown",
      content: content.length > MAX_CONTENT ? `…${content.slice(-(MAX_CONTENT - 1))}` : content,
    };
  });
}

/** Who is on the line: the caller's number (from_number inbound, to_number outbound), the numbers, metadata, dynamic variables. */
export function callerInfoFromCall(call: RetellCall): Record<string, unknown> | undefined {
  const phone = call.direction === "outbound" ? call.to_number : call.from_number;
  const info: Record<string, unknown> = {};
  if (phone) info.phone = id(phone);
  if (call.from_number) info.fromNumber = id(call.from_number);
  if (call.to_number) info.toNumber = id(call.to_number);
  if (call.direction) info.direction = id(call.direction);
  if (call.metadata && typeof call.metadata === "object") info.metadata = call.metadata;
  if (call.retell_llm_dynamic_variables && typeof call.retell_llm_dynamic_variables === "object")
    info.dynamicVariables = call.retell_llm_dynamic_variables;
  // Metadata too deep or holding text PostgreSQL refuses must not cost the caller their escalation: left out.
  if (!safeJsonObject().safeParse(info).success) {
    delete info.metadata;
    delete info.dynamicVariables;
  }
  return Object.keys(info).length ? info : undefined;
}

/**
 * Fills what the agent would otherwise pass from Retell's call object (the shared rules of
 * lib/transports/agent-platforms/caller-context.ts): Retell retries a failed request up to twice with the same
 * call_id, so the call's ids make retries idempotent.
 */
export function argsWithCall(tool: string, args: Record<string, unknown>, call: RetellCall | undefined): Record<string, unknown> {
  if (!call) return args;
  return argsWithCallContext(tool, args, {
    callId: call.call_id,
    agentId: call.agent_id,
    callerInfo: tool === "ask_human" ? callerInfoFromCall(call) : undefined,
    history: tool === "ask_human" ? historyFromCall(call) : undefined,
  });
}
