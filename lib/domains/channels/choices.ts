import type { CaseRow } from "@/lib/adapters/db/schema";

/** A case's choices as the channels show them: `choices` (2–6 strings) or null, and whether only a choice answers it. */
export function caseChoices(row: CaseRow): { choices: string[] | null; choicesOnly: boolean } {
  const choices = row.choices && row.choices.length > 0 ? row.choices : null;
  return { choices, choicesOnly: !!choices && row.choicesOnly };
}

/** The body postMessage takes for an answer: a picked choice alone (postMessage makes it the answer), or the words. */
export function answerInput(answer: { text?: string; choice?: string }): { content?: string; choice?: string } {
  if (answer.choice !== undefined) return { choice: answer.choice };
  return { content: answer.text ?? "" };
}

/** A reply that names a choice by its number (SMS `2`): the choice, or null when it names none. */
export function choiceByNumber(row: CaseRow, text: string): string | null {
  const { choices } = caseChoices(row);
  const m = /^\s*(\d)\s*$/.exec(text);
  if (!choices || !m) return null;
  return choices[Number(m[1]) - 1] ?? null;
}
