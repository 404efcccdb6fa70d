import type { CaseRow } from "@/lib/adapters/db/schema";

/**
 * The answers-with-choices contract, read in one place so the channels need not know how it is stored: a case
 * may carry `choices` (2–6 strings) and `choicesOnly`; an answer may carry `choice` (the exact string).
 * Until the hitl schema has those columns, every case reads as having no choices.
 */
export function caseChoices(row: CaseRow): { choices: string[] | null; choicesOnly: boolean } {
  const r = row as CaseRow & { choices?: unknown; choicesOnly?: unknown };
  const choices = Array.isArray(r.choices) && r.choices.every((c) => typeof c === "string") ? (r.choices as string[]) : null;
  return { choices: choices && choices.length > 0 ? choices : null, choicesOnly: !!choices && r.choicesOnly === true };
}

/** The body postMessage takes for an answer: the choice's exact text as the content, and the choice beside it. */
export function answerInput(answer: { text?: string; choice?: string }): { content: string; choice?: string } {
  if (answer.choice !== undefined) return { content: answer.choice, choice: answer.choice };
  return { content: answer.text ?? "" };
}

/** A reply that names a choice by its number (SMS `2`): the choice, or null when it names none. */
export function choiceByNumber(row: CaseRow, text: string): string | null {
  const { choices } = caseChoices(row);
  const m = /^\s*(\d)\s*$/.exec(text);
  if (!choices || !m) return null;
  return choices[Number(m[1]) - 1] ?? null;
}
