"use client";

import { useRealtimeEvents, useRealtimeStatus, type RealtimeStatus } from "@/components/realtime/realtime-provider";
import type { FeedEvent } from "@/components/console/use-queue";

export type FeedStatus = RealtimeStatus;

/**
 * The console's view of lib/adapters/realtime (whatever driver the server chose): every case event and every
 * resync goes to the queue; returns the connection state for the top bar. Needs <RealtimeProvider> above.
 */
export function useCaseFeed(onEvent: (e: FeedEvent) => void): FeedStatus {
  useRealtimeEvents((e) => onEvent(e));
  return useRealtimeStatus();
}
