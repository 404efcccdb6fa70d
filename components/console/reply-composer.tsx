"use client";

import { forwardRef, useState, type ChangeEvent, type KeyboardEvent } from "react";
import { expandShortcuts, shortcutAtCaret } from "@/lib/domains/canned-replies/expand-shortcut";
import type { CannedReply } from "@/components/console/types";
import { Button } from "@/components/ui/button";

type Props = {
  value: string;
  onChange: (v: string) => void;
  replies: CannedReply[];
  /** Ours (or our claim is in flight). Otherwise a draft stays visible, read-only, and cannot be sent. */
  editable: boolean;
  sending: boolean;
  onSend: () => void;
  /** The case takes only one of its choices: the words go along with a choice, never alone. */
  choicesOnly?: boolean;
  hint?: string;
};

/**
 * The answer box. `/shortcut` followed by a space (or Tab on a suggestion) turns into that canned reply
 * in place; Ctrl/Cmd+Enter sends (handled by the console's shortcuts so it works from anywhere). Every
 * key typed here is text: no single-key shortcut acts inside it. Read-only while sending (what you see is
 * what was sent) and when someone else holds the case (a draft typed before a lost claim stays, to copy).
 */
export const ReplyComposer = forwardRef<HTMLTextAreaElement, Props>(function ReplyComposer(
  { value, onChange, replies, editable, sending, onSend, choicesOnly = false, hint },
  ref,
) {
  const [caret, setCaret] = useState(0);
  const token = shortcutAtCaret(value, caret);
  const suggestions = token ? replies.filter((r) => r.shortcut.startsWith(token.query)).slice(0, 5) : [];

  const applyCaret = (el: HTMLTextAreaElement, pos: number) => requestAnimationFrame(() => el.setSelectionRange(pos, pos));

  function handleChange(e: ChangeEvent<HTMLTextAreaElement>) {
    const el = e.currentTarget;
    const pos = el.selectionStart ?? el.value.length;
    // Expand when a whitespace was just typed after a known /shortcut.
    if (/\s/.test(el.value.charAt(pos - 1))) {
      const r = expandShortcuts(el.value, replies, pos);
      if (r.expanded) {
        onChange(r.text);
        setCaret(r.caret);
        applyCaret(el, r.caret);
        return;
      }
    }
    onChange(el.value);
    setCaret(pos);
  }

  function insert(reply: CannedReply, el: HTMLTextAreaElement) {
    if (!token) return;
    const text = value.slice(0, token.start) + reply.body + value.slice(caret);
    const pos = token.start + reply.body.length;
    onChange(text);
    setCaret(pos);
    applyCaret(el, pos);
  }

  function handleKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Tab" && !e.shiftKey && suggestions.length) {
      e.preventDefault();
      insert(suggestions[0]!, e.currentTarget);
    }
  }

  return (
    <div className="cx-composer">
      <label htmlFor="reply">Your answer</label>
      <textarea
        id="reply"
        className="ui-input"
        ref={ref}
        value={value}
        rows={4}
        disabled={!editable && !value}
        readOnly={!editable || sending}
        placeholder={
          !editable
            ? hint
            : choicesOnly
              ? "Optional words to go with the choice you pick. /shortcut inserts a canned reply."
              : "Type the answer the agent should give. /shortcut inserts a canned reply."
        }
        aria-describedby="reply-help"
        onChange={handleChange}
        onKeyDown={handleKeyDown}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
      />
      {suggestions.length > 0 && (
        <ul className="cx-suggestions" aria-label="Canned replies matching what you typed">
          {suggestions.map((r, i) => (
            <li key={r.id}>
              <button
                type="button"
                tabIndex={-1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={(e) => insert(r, e.currentTarget.closest(".cx-composer")!.querySelector("textarea")!)}
              >
                <code>/{r.shortcut}</code> {r.title || r.body.slice(0, 60)}
                {i === 0 && <kbd className="cx-kbd-hint">Tab</kbd>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="cx-composer-bar">
        <p id="reply-help" className="cx-muted">
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd> sends · <kbd>Esc</kbd> back to the queue
        </p>
        <Button
          disabled={!editable || sending || !value.trim() || choicesOnly}
          onClick={onSend}
          title={choicesOnly ? "Pick a choice to answer" : undefined}
        >
          {sending ? "Sending…" : "Send answer"}
        </Button>
      </div>
    </div>
  );
});
