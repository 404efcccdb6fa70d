"use client";

import { useEffect, useState } from "react";
import { ageOf, memoryApi, type MemorySuggestion } from "@/components/console/memory-api";
import type { SaveToMemory } from "@/components/console/use-save-to-memory";
import type { ConsoleCase } from "@/components/console/types";

type Props = {
  c: ConsoleCase;
  /** The answer box is ours: a suggestion can be inserted, and the save toggle applies. */
  editable: boolean;
  save?: SaveToMemory;
  onInsert: (text: string) => void;
};

/**
 * Saved answers for the open case (best first, with their question, age and who gave them) and the
 * "Save as a reusable answer" toggle. Alt+1…3 inserts a suggestion into the answer box — it never sends.
 */
export function MemoryPanel({ c, editable, save, onInsert }: Props) {
  const [suggestions, setSuggestions] = useState<MemorySuggestion[]>([]);
  useEffect(() => {
    let live = true;
    setSuggestions([]);
    memoryApi.suggestions(c.id).then(
      (s) => live && setSuggestions(s),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [c.id]);

  const insert = (s: MemorySuggestion) => {
    if (!editable) return;
    onInsert(s.answer);
    void memoryApi.reused(s.id).catch(() => {});
  };

  // Alt+digit works from anywhere, the answer box included (a plain digit there is text).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = /^Digit([1-3])$/.exec(e.code)?.[1];
      const s = n ? suggestions[Number(n) - 1] : undefined;
      if (!s) return;
      e.preventDefault();
      insert(s);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <>
      {suggestions.length > 0 && (
        <section className="cx-section cx-memory" aria-label="Saved answers" data-testid="memory-suggestions">
          <h3>Saved answers</h3>
          <ol className="cx-memory-list">
            {suggestions.map((s, i) => (
              <li key={s.id} data-memory-id={s.id}>
                <button
                  type="button"
                  className="cx-memory-pick"
                  onClick={() => insert(s)}
                  disabled={!editable}
                  aria-keyshortcuts={`Alt+${i + 1}`}
                >
                  <span className="cx-memory-answer">{s.answer}</span>
                  <span className="cx-muted cx-memory-meta">
                    “{s.question}” · {s.answeredBy || "someone"}, {ageOf(s.answeredAt)}
                  </span>
                  <kbd className="cx-kbd-hint">Alt+{i + 1}</kbd>
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
      {save && editable && (
        <label className="cx-memory-save">
          <input type="checkbox" checked={save.checked} onChange={(e) => save.setChecked(e.currentTarget.checked)} /> Save as a reusable
          answer
          {save.specific && !save.checked && <span className="cx-muted"> — off: it names the caller’s own booking, name or number</span>}
        </label>
      )}
    </>
  );
}
