"use client";

import type { ConsoleCase } from "@/components/console/types";
import { Button } from "@/components/ui/button";

type Props = {
  c: ConsoleCase;
  /** Whether a pick can be sent now: the case is open or ours, and nothing is being sent. */
  enabled: boolean;
  /** There are words in the answer box: they go along with the choice. */
  withWords: boolean;
  onPick: (choice: string) => void;
};

/**
 * The answers the agent offered, one button each, numbered 1–6: a click or the digit (outside a text field)
 * sends that choice at once, claiming the case first when it is still open. Words typed in the answer box
 * go along with it. With choicesOnly the caller can only be answered this way.
 */
export function ChoiceButtons({ c, enabled, withWords, onPick }: Props) {
  const choices = c.choices ?? [];
  if (!choices.length) return null;
  return (
    <section className="cx-section cx-choices" aria-labelledby="choices-title" data-testid="case-choices">
      <h3 id="choices-title">{c.choicesOnly ? "Answer with one of these" : "Answer with one of these, or type your own"}</h3>
      <ol className="cx-choice-list">
        {choices.map((choice, i) => (
          <li key={choice}>
            <Button
              variant="secondary"
              className="cx-choice"
              disabled={!enabled}
              aria-keyshortcuts={String(i + 1)}
              data-choice={choice}
              onClick={() => onPick(choice)}
            >
              {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a kbd is not focusable (the button is); hidden so the name is the choice itself, aria-keyshortcuts announces the digit */}
              <kbd aria-hidden="true">{i + 1}</kbd> <span>{choice}</span>
            </Button>
          </li>
        ))}
      </ol>
      <p className="cx-muted" id="choices-help">
        Press <kbd>1</kbd>–<kbd>{choices.length}</kbd> (outside the answer box) or click to send a choice
        {withWords ? "; your words in the answer box go with it." : "."}
      </p>
    </section>
  );
}
