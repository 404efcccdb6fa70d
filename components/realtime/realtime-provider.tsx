"use client";
/**
 * Live case events in the browser, whatever driver the server runs (SSE, Pusher, Supabase Realtime).
 *
 * In a server component (per request — no NEXT_PUBLIC_* variables, so one build works with any driver):
 *   import { getRealtimeClientConfig } from "@/lib/domains/realtime/client-config";
 *   const config = getRealtimeClientConfig(principal);   // principal: the signed-in member
 *   return <RealtimeProvider config={config}><Queue /></RealtimeProvider>;
 *
 * In a client component under it:
 *   useRealtimeEvents((e) => {
 *     if (e.type === "resync") return refetchQueue();   // (re)connected: events may have been missed
 *     applyToRow(e.caseId, e);                          // e: CaseEvent {id, type, caseId, status, priority, urgency, claimedBy, at}
 *   });
 *   const status = useRealtimeStatus();                 // "connecting" | "live" | "reconnecting" | "denied"
 *
 * Events carry no question or answer text: fetch GET /api/cases/<caseId> for that.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { connectRealtime } from "@/lib/adapters/realtime/client/connect";
import type { RealtimeClientConfig, RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";

export type { CaseEvent, RealtimeClientConfig, RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";

type Handler = (e: RealtimeEvent) => void;
type Ctx = { status: RealtimeStatus; handlers: Set<Handler> };

const RealtimeContext = createContext<Ctx | null>(null);

/** What identifies a subscription; a refreshed token alone must not reconnect. */
const connectionKey = (c: RealtimeClientConfig) =>
  c.driver === "sse"
    ? `sse|${c.url}`
    : c.driver === "pusher"
      ? `pusher|${c.key}|${c.channel}|${c.wsHost ?? c.cluster}`
      : `supabase|${c.url}|${c.topic}`;

export function RealtimeProvider({ config, children }: { config: RealtimeClientConfig; children: ReactNode }) {
  const [status, setStatus] = useState<RealtimeStatus>("connecting");
  const handlers = useRef(new Set<Handler>()).current;
  const configRef = useRef(config);
  configRef.current = config;
  const key = connectionKey(config);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the trigger: reconnect only when the subscription changes (config is read from a ref, so a refreshed token alone does not)
  useEffect(() => {
    const connection = connectRealtime(configRef.current, {
      onStatus: setStatus,
      onEvent: (e) => {
        for (const h of handlers) {
          try {
            h(e);
          } catch (err) {
            // one broken consumer must not starve the others
            setTimeout(() => {
              throw err;
            });
          }
        }
      },
    });
    return () => connection.close();
  }, [key, handlers]);

  return <RealtimeContext.Provider value={{ status, handlers }}>{children}</RealtimeContext.Provider>;
}

function useRealtimeContext(hook: string): Ctx {
  const ctx = useContext(RealtimeContext);
  if (!ctx) throw new Error(`${hook} must be used inside <RealtimeProvider>`);
  return ctx;
}

/** Calls `handler` for every event (the latest handler; no need to memoise it). */
export function useRealtimeEvents(handler: Handler): void {
  const { handlers } = useRealtimeContext("useRealtimeEvents");
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const h: Handler = (e) => latest.current(e);
    handlers.add(h);
    return () => {
      handlers.delete(h);
    };
  }, [handlers]);
}

/** The connection state, for a "live" / "reconnecting…" indicator. */
export function useRealtimeStatus(): RealtimeStatus {
  return useRealtimeContext("useRealtimeStatus").status;
}
