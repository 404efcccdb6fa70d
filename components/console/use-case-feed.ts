"use client";

import { useEffect, useRef, useState } from "react";
import type { FeedEvent } from "@/components/console/use-queue";

export type FeedStatus = "connecting" | "live" | "reconnecting" | "denied";

/**
 * Stand-in until lib/realtime lands: a resync every few seconds. Replaced by the realtime hook.
 */
export function useCaseFeed(onEvent: (e: FeedEvent) => void): FeedStatus {
  const h = useRef(onEvent);
  h.current = onEvent;
  const [status] = useState<FeedStatus>("live");
  useEffect(() => {
    const t = setInterval(() => h.current({ type: "resync" }), 3000);
    return () => clearInterval(t);
  }, []);
  return status;
}
