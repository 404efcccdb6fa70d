"use client";

import { formatSeconds } from "@/components/console/use-now";

export const WARNING_SECONDS = 10;

/**
 * Time left before the waiting agent gives up, labelled in words ("Agent waits 0:32"). Under 10 s it turns
 * into a warning. After the deadline it says so; what then happens to an answer depends on the case
 * (late-answer.ts), so the case panel explains that, not this badge.
 */
export function Countdown({ deadline, now, size = "sm" }: { deadline: string; now: number; size?: "sm" | "lg" }) {
  const left = (Date.parse(deadline) - now) / 1000;
  if (left <= 0) {
    return (
      <span className={`cx-countdown cx-countdown-over cx-countdown-${size}`} data-testid="countdown">
        agent stopped waiting
      </span>
    );
  }
  const warn = left <= WARNING_SECONDS;
  return (
    <span
      className={`cx-countdown cx-countdown-${size}${warn ? " cx-countdown-warn" : ""}`}
      data-warning={warn || undefined}
      data-testid="countdown"
    >
      {warn && <span className="cx-sr">Hurry: </span>}
      <span className="cx-countdown-label">{size === "lg" ? "Agent waits another" : "Agent waits"}</span>{" "}
      {warn && <span aria-hidden="true">⚠ </span>}
      {formatSeconds(left)}
    </span>
  );
}
