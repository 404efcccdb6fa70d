"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { consoleApi } from "@/components/console/api-client";

/**
 * Presence while the console is open: a heartbeat every third of the server's TTL (so one lost beat does
 * not drop you), "away" on request and when the page goes away, and the team's online count.
 */
export function usePresence() {
  const [status, setStatus] = useState<"online" | "away">("online");
  const [online, setOnline] = useState<number | null>(null);
  const [ttl, setTtl] = useState(30);
  const statusRef = useRef(status);
  statusRef.current = status;

  const beat = useCallback(async () => {
    try {
      const r = await consoleApi.presence(statusRef.current);
      setOnline(r.online);
      if (r.ttlSeconds) setTtl(r.ttlSeconds);
    } catch {
      setOnline(null);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: status is the trigger: a change is sent at once (beat reads it from a ref) and restarts the interval
  useEffect(() => {
    void beat();
    // On a reload the previous page's "away" (sent as it unloaded) can land after our first beat: beat again shortly.
    const again = setTimeout(beat, 1500);
    const t = setInterval(beat, Math.max(2, ttl / 3) * 1000);
    return () => {
      clearTimeout(again);
      clearInterval(t);
    };
  }, [beat, ttl, status]);

  useEffect(() => {
    // Closing the tab should not leave you counted as online for a whole TTL.
    const leave = () => {
      void fetch("/api/presence", {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "away" }),
      });
    };
    window.addEventListener("pagehide", leave);
    return () => window.removeEventListener("pagehide", leave);
  }, []);

  const toggleAway = useCallback(() => setStatus((s) => (s === "online" ? "away" : "online")), []);
  return { status, online, toggleAway };
}
