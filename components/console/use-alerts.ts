"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { enableSound, playAlert } from "@/components/console/alert-sound";
import { isUrgent } from "@/components/console/queue-order";
import type { ConsoleCase } from "@/components/console/types";

/** The tab title shows how many cases wait unclaimed: "(3) Switchboard". */
export function useTabTitle(openCount: number) {
  useEffect(() => {
    document.title = openCount > 0 ? `(${openCount}) Switchboard` : "Switchboard";
  }, [openCount]);
}

/** Sound per new case (stronger for urgent ones) and a screen-reader announcement. */
export function useAlerts() {
  const [sound, setSound] = useState<"off" | "on" | "blocked">("off");
  const [announcement, setAnnouncement] = useState("");
  const soundRef = useRef(sound);
  soundRef.current = sound;

  const toggleSound = useCallback(async () => {
    if (soundRef.current === "on") return setSound("off");
    setSound((await enableSound()) ? "on" : "blocked");
  }, []);

  const announceNew = useCallback((c: ConsoleCase) => {
    const urgent = isUrgent(c);
    if (soundRef.current === "on") {
      playAlert(urgent ? "urgent" : "normal");
      // Urgent cases ring again after a few seconds if nobody has picked them up yet.
      if (urgent)
        setTimeout(
          () =>
            soundRef.current === "on" && document.querySelector(`[data-queue-row="${c.id}"][data-status="open"]`) && playAlert("urgent"),
          4000,
        );
    }
    setAnnouncement(`New ${urgent ? "urgent " : ""}case, priority ${c.priority}, ${c.urgency} urgency: ${c.question}`);
  }, []);

  return { sound, toggleSound, announcement, setAnnouncement, announceNew };
}
