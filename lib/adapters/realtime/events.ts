/**
 * What browsers receive. Safe to import from client code (no server imports).
 *
 * Events carry ids and what a queue row needs to re-sort and re-badge — never the question, context or
 * answer: vendor channels (Pusher, Supabase) are third-party infrastructure, and the console refetches a
 * case by id over our own authenticated API when it needs the text.
 */
export type CaseEventType = "case.created" | "case.claimed" | "case.answered" | "case.cancelled" | "case.expired" | "case.message";

export type CaseEvent = {
  /** Unique per event; SSE uses it as the event id so a reconnect can resume. */
  id: string;
  type: CaseEventType;
  caseId: string;
  status?: string;
  priority?: number;
  urgency?: string;
  /** Display name of whoever holds the case (claimed events). */
  claimedBy?: string | null;
  messageId?: number;
  /** When it happened (ISO 8601). */
  at: string;
};

/**
 * `resync`: the subscription (re)became live and events may have been missed meanwhile (first connect,
 * or a reconnect that could not be replayed). Refetch what you show.
 */
export type ResyncEvent = { type: "resync"; at: string };
export type RealtimeEvent = CaseEvent | ResyncEvent;

/** connecting → live; reconnecting after a drop; denied when the server refuses the subscription (signed out). */
export type RealtimeStatus = "connecting" | "live" | "reconnecting" | "denied";

/** Props for the browser side, produced on the server per request by getRealtimeClientConfig(). */
export type RealtimeClientConfig =
  | { driver: "sse"; url: string; heartbeatMs: number; headers?: Record<string, string> }
  | {
      driver: "pusher";
      key: string;
      cluster: string;
      wsHost?: string;
      wsPort?: number;
      forceTLS: boolean;
      channel: string;
      authEndpoint: string;
      headers?: Record<string, string>;
    }
  | {
      driver: "supabase";
      url: string;
      anonKey: string;
      topic: string;
      accessToken: string;
      /** Seconds since the epoch when accessToken expires; the client fetches a fresh one before. */
      expiresAt: number;
      tokenEndpoint: string;
      headers?: Record<string, string>;
    };

/** The event name used on vendor channels (Pusher event, Supabase broadcast event). */
export const VENDOR_EVENT_NAME = "case-event";

export const isCaseEvent = (e: unknown): e is CaseEvent =>
  typeof e === "object" &&
  e !== null &&
  typeof (e as CaseEvent).caseId === "string" &&
  typeof (e as CaseEvent).type === "string" &&
  (e as CaseEvent).type.startsWith("case.");
