/**
 * Realtime port, server side. Browser side: components/realtime/realtime-provider.tsx.
 * - publishCaseEvent: the one way domain code announces a case change (bus + vendor, once).
 * - subscribeAccountEvents: server code listening to one account's events.
 * - getRealtimeClientConfig: the browser's settings for a principal, passed as props per request.
 */
export { publishCaseEvent, type CaseEventInput } from "@/lib/adapters/realtime/publish-case-event";
export { subscribeAccountEvents } from "@/lib/adapters/realtime/subscribe-account-events";
export { getRealtimeClientConfig } from "@/lib/domains/realtime/client-config";
export type { CaseEvent, CaseEventType, RealtimeClientConfig, RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";
