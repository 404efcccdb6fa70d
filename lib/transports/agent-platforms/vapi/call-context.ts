import { z } from "zod";
import { boundedCallerInfo, boundedHistory, boundedId } from "@/lib/transports/agent-platforms/caller-context";

const text = z.string().optional().catch(undefined);
const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).loose().optional().catch(undefined);

/**
 * The parts of a Vapi server message that tell who is calling: `call` (id, type, assistantId, customer,
 * phoneNumber, metadata, monitor.controlUrl), the message's own `customer` and `assistant`, and `artifact`
 * (the conversation so far). Lenient on purpose: a field of an unexpected shape is ignored, never a reason to
 * refuse the caller's request.
 */
export const vapiMessageCallSchema = z
  .object({
    call: obj({
      id: text,
      type: text,
      assistantId: text,
      phoneNumberId: text,
      customer: obj({ number: text, name: text }),
      phoneNumber: obj({ number: text }),
      metadata: z.record(z.string(), z.unknown()).optional().catch(undefined),
      monitor: obj({ controlUrl: text }),
    }),
    customer: obj({ number: text, name: text }),
    assistant: obj({ id: text }),
    phoneNumber: obj({ number: text }),
    artifact: obj({
      messages: z.array(z.unknown()).optional().catch(undefined),
      transcript: text,
    }),
  })
  .loose();
type Message = z.infer<typeof vapiMessageCallSchema>;

/** A Vapi call in our words. */
export type VapiCall = {
  callId?: string;
  assistantId?: string;
  direction?: "inbound" | "outbound";
  customerNumber?: string;
  customerName?: string;
  ourNumber?: string;
  metadata?: Record<string, unknown>;
  controlUrl?: string;
  history?: Array<{ role: string; content: string }>;
};

const turn = z.object({ role: z.string(), message: z.string() }).loose();
const ROLES: Record<string, string> = { bot: "agent", assistant: "agent", user: "caller" };

/** The conversation so far: artifact.messages' spoken turns (tool calls and system prompts skipped), else the plain transcript. */
function historyOf(m: Message): Array<{ role: string; content: string }> | undefined {
  const turns = (m.artifact?.messages ?? []).flatMap((t) => {
    const p = turn.safeParse(t);
    return p.success && ROLES[p.data.role] ? [{ role: ROLES[p.data.role]!, content: p.data.message }] : [];
  });
  if (!turns.length && m.artifact?.transcript) {
    // "AI: …\nUser: …" — Vapi's plain transcript.
    for (const line of m.artifact.transcript.split("\n")) {
      const match = /^(AI|User|Assistant|Bot):\s?(.*)$/i.exec(line);
      if (match) turns.push({ role: /^user$/i.test(match[1]!) ? "caller" : "agent", content: match[2]! });
    }
  }
  return boundedHistory(turns);
}

export function vapiCallOf(message: unknown): VapiCall | undefined {
  const parsed = vapiMessageCallSchema.safeParse(message);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  const c = m.call;
  const customer = c?.customer ?? m.customer;
  const direction = c?.type === "outboundPhoneCall" ? "outbound" : c?.type === "inboundPhoneCall" ? "inbound" : undefined;
  const call: VapiCall = {
    callId: c?.id,
    assistantId: c?.assistantId ?? m.assistant?.id,
    direction,
    customerNumber: customer?.number,
    customerName: customer?.name,
    ourNumber: c?.phoneNumber?.number ?? m.phoneNumber?.number,
    metadata: c?.metadata,
    controlUrl: c?.monitor?.controlUrl,
    history: historyOf(m),
  };
  return call.callId ? call : undefined;
}

/** Who is on the line: the customer's number (the caller, either direction), both numbers, the direction, metadata. */
export function callerInfoOf(call: VapiCall): Record<string, unknown> | undefined {
  const ours = boundedId(call.ourNumber);
  const theirs = boundedId(call.customerNumber);
  return boundedCallerInfo({
    phone: theirs,
    name: call.customerName ? boundedId(call.customerName) : undefined,
    fromNumber: call.direction === "outbound" ? ours : theirs,
    toNumber: call.direction === "outbound" ? theirs : ours,
    direction: call.direction,
    metadata: call.metadata,
  });
}
