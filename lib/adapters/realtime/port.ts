import type { BusEvent } from "@/lib/adapters/events/port";
import type { CaseEvent } from "@/lib/adapters/realtime/events";

/**
 * A vendor fan-out (Pusher, Supabase Realtime). SSE has none: it streams straight from the event bus.
 * publishCaseEvent calls it once per event, on the instance where the change happened, so several app
 * instances never deliver an event twice.
 */
export interface RealtimePublisher {
  readonly driver: "pusher" | "supabase";
  publish(accountId: string, event: CaseEvent): Promise<void>;
}

/** One private channel per account; the name is what the authorizer checks. */
export const pusherChannelFor = (accountId: string) => `private-account-${accountId}`;
export const supabaseTopicFor = (accountId: string) => `account:${accountId}`;

/** The browser-facing shape of a bus event: ids and queue fields only, never account ids or text. */
export function toCaseEvent(e: BusEvent): CaseEvent {
  const out: CaseEvent = { id: e.id ?? `${e.caseId}:${e.type}:${e.at}`, type: e.type, caseId: e.caseId, at: e.at };
  if (e.status !== undefined) out.status = e.status;
  if (e.priority !== undefined) out.priority = e.priority;
  if (e.urgency !== undefined) out.urgency = e.urgency;
  if (e.claimedBy !== undefined) out.claimedBy = e.claimedBy;
  if (e.messageId !== undefined) out.messageId = e.messageId;
  return out;
}
