/** What changed, carried as ids (and one short answer): subscribers read details from the database. */
export type BusEvent = {
  type: "case.created" | "case.claimed" | "case.answered" | "case.cancelled" | "case.expired" | "case.message";
  accountId: string;
  caseId: string;
  status?: string;
  messageId?: number;
  at: string;
  /** For realtime to browsers: a unique id per event (SSE resume) and what a queue row needs, set by publishCaseEvent. */
  id?: string;
  priority?: number;
  urgency?: string;
  claimedBy?: string | null;
  /**
   * case.answered only, when short (ANSWER_IN_EVENT_MAX_BYTES): the answer itself, so a waiting call returns
   * without reading its case. Never reaches browsers or vendors (toCaseEvent picks its fields).
   */
  answer?: string;
  /** With `answer`: the choice it picked (exactly as offered), when the case offered choices. */
  choice?: string;
};

/** Under PostgreSQL NOTIFY's 8000-byte payload with room for the rest; longer answers are read from the database. */
export const ANSWER_IN_EVENT_MAX_BYTES = 4000;

export type Topic = `case:${string}` | `account:${string}`;
export type Handler = (event: BusEvent) => void;

/**
 * Publish on any instance, receive on every instance. One wire subscription per process;
 * handlers are dispatched locally by topic (`case:<id>`, `account:<id>`).
 */
export interface EventBus {
  readonly driver: "memory" | "redis" | "postgres";
  publish(event: BusEvent): Promise<void>;
  /** Resolves once the subscription is live, so nothing published afterwards is missed. */
  subscribe(topic: Topic, handler: Handler): Promise<() => void>;
  ping(): Promise<void>;
  /** For health: whether the wire connection is live right now (absent: in-process, always). */
  connected?(): boolean;
  close(): Promise<void>;
}
