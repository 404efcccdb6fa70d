"use client";

import { formatSeconds } from "@/components/console/use-now";

export const WARNING_SECONDS = 10;

/**
 * Time left before the waiting agent gives up. Under 10 s it turns into a warning; after the deadline the
 * answer still reaches the caller (the agent fetches it later, or a callback fires), so it says so.
 */
export function Countdown({ deadline, now, size = "sm" }: { deadline: string; now: number; size?: "sm" | "lg" }) {
  const left = (Date.parse(deadline) - now) / 1000;
  if (left <= 0) {
    return (
      <span className={`cx-countdown cx-countdown-over cx-countdown-${size}`} title="The agent stopped waiting; your answer is still delivered as a follow-up.">
        agent stopped waiting
      </span>
    );
  }
  const warn = left <= WARNING_SECONDS;
  return (
    <span className={`cx-countdown cx-countdown-${size}${warn ? " cx-countdown-warn" : ""}`} data-warning={warn || undefined}>
      <span className="cx-sr">{warn ? "Hurry: " : ""}time left </span>
      {warn && <span aria-hidden="true">⚠ </span>}
      {formatSeconds(left)}
    </span>
  );
}
