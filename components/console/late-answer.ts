import { callerPhone } from "@/lib/domains/hitl/caller-phone";
import type { ConsoleCase } from "@/components/console/types";

/**
 * What happens to an answer sent after the waiting agent gave up, for this case — told truthfully:
 * a phone follow-up (when the case asked for one and may have it), a signed callback to the agent's
 * system (callbackUrl), or nothing pushed at all (the agent must ask again with get_human_answer).
 * The same rules as lib/domains/hitl/phone-followups.ts, lib/domains/hitl/live-answers.ts and lib/domains/hitl/callbacks.ts.
 */
export function lateAnswerRoute(
  c: Pick<ConsoleCase, "followUp" | "followUpRefused" | "callbackUrl" | "callerInfo"> & Partial<Pick<ConsoleCase, "source" | "callId">>,
): {
  reaches: boolean;
  text: string;
} {
  const phone = c.followUp === "phone" && !c.followUpRefused ? callerPhone(c.callerInfo) : null;
  const parts: string[] = [];
  // A Vapi call can be spoken into while it lasts (lib/domains/hitl/live-answers.ts); the callback is then the fallback.
  if (c.source === "vapi" && c.callId) parts.push("If the call is still going, your answer is spoken into it.");
  if (phone) parts.push(`Switchboard phones the caller back at ${phone} and reads them your answer.`);
  if (c.callbackUrl) parts.push("Your answer is posted to the agent's system (a signed callback), which can pass it on.");
  if (parts.length)
    return { reaches: true, text: `The agent stopped waiting, but your answer still reaches the caller: ${parts.join(" ")}` };
  const refused =
    c.followUp === "phone"
      ? c.followUpRefused
        ? ` No callback call: ${c.followUpRefused}`
        : " No callback call: the caller's number is not a valid phone number."
      : "";
  return {
    reaches: false,
    text: `The agent stopped waiting. Your answer is saved, but it reaches the caller only if the agent asks again (get_human_answer) while the call lasts — this case has no callback.${refused}`,
  };
}

/** How a late answer reached the caller, once it did: said on the call still going, or a callback call placed. */
export function lateAnswerDeliveryText(d: "live" | "callback"): string {
  return d === "live"
    ? "Spoken on the live call: the caller heard your answer while still on the line."
    : "Callback placed: Switchboard is phoning the caller with your answer.";
}
