import type { TranscriptTurn } from "@/lib/adapters/telephony/port";
import type { SimCall } from "./call-id";

/** The first sentence of the task, trimmed for quoting in the dialogue (tasks are prompts, often long). */
export function taskExcerpt(task: string, max = 160): string {
  const flat = task.replace(/\s+/g, " ").trim();
  const first = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

/** "You are calling X to book a table." → "calling X to book a table" reads naturally after "I'm". */
function asPurpose(excerpt: string): string {
  const s = excerpt.replace(/[.!?…]+$/, "");
  const m = /^(?:you are|you're|your task is to|please)\s+(.*)$/i.exec(s);
  return m?.[1] ? m[1] : `calling about this: ${s.charAt(0).toLowerCase()}${s.slice(1)}`;
}

/**
 * A template dialogue that follows the task: greeting (the first sentence when given), the purpose, the
 * other side agreeing, and a goodbye, spread over the talk time so a live call shows a growing transcript.
 */
export function simTranscript(call: SimCall, talkSeconds: number): TranscriptTurn[] {
  const purpose = asPurpose(call.k);
  const lines: Array<[TranscriptTurn["speaker"], string]> = [
    ["agent", call.f?.trim() || "Hi there, this is an automated assistant calling on behalf of a client."],
    ["caller", "Hello? Yes, who's this?"],
    ["agent", `Thanks for picking up. I'm ${purpose}.`],
    ["caller", "Sure, I can help with that. What exactly do you need?"],
    ["agent", `Just to confirm the details: ${call.k}`],
    ["caller", "Okay, that works for us. I've noted it down."],
    ["agent", "Wonderful, thank you so much for your help. Have a great day, goodbye!"],
    ["caller", "You too, bye."],
  ];
  const step = Math.max(1, talkSeconds) / lines.length;
  return lines.map(([speaker, text], i) => ({ speaker, text, atSeconds: Math.round(i * step * 10) / 10 }));
}

export function simSummary(call: SimCall, completedFully: boolean): string {
  const purpose = call.k.replace(/[.!?…]+$/, "");
  return completedFully
    ? `The agent called ${call.n} about: "${purpose}". The person who answered agreed and noted the details; the call ended politely.`
    : `The agent called ${call.n} about: "${purpose}". The call ended before the conversation finished.`;
}
