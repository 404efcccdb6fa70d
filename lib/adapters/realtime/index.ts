/**
 * Realtime port, server side. Browser side: components/realtime/realtime-provider.tsx.
 * - publishCaseEvent: the one way domain code announces a case change (bus + vendor, once).
 * - subscribeAccountEvents: server code listening to one account's events.
 * Who may receive an account's events, and the browser's settings: lib/domains/realtime.
 */
export { publishCaseEvent, type CaseEventInput } from "@/lib/adapters/realtime/publish-case-event";
export { subscribeAccountEvents } from "@/lib/adapters/realtime/subscribe-account-events";
export type { CaseEvent, CaseEventType, RealtimeClientConfig, RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";
