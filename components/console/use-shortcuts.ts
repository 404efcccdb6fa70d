"use client";

import { useEffect, useRef, useState } from "react";

export type ShortcutHandlers = {
  next: () => void;
  prev: () => void;
  openAndClaim: () => void;
  focusReply: () => void;
  send: () => void;
  back: () => void;
  help: () => void;
  /** 1–6 outside a text field: true when it picked that choice of the open case (else it may start the answer). */
  pick?: (n: number) => boolean;
  /** A printable key that is not a shortcut, typed outside a text field: true when it started the answer. */
  typeAhead: (key: string) => boolean;
};

export const SHORTCUTS: Array<{ keys: string[]; what: string }> = [
  { keys: ["j"], what: "Next case in the queue" },
  { keys: ["k"], what: "Previous case in the queue" },
  { keys: ["Enter"], what: "Open and claim the selected case (focus stays in the queue)" },
  { keys: ["r"], what: "Into the answer box, then type (the r itself is never typed)" },
  { keys: ["Ctrl", "Enter"], what: "Send the answer (⌘ Enter on a Mac)" },
  { keys: ["Esc"], what: "Back to the queue / close this dialog" },
  { keys: ["/"], what: "In the reply box: type /shortcut, then space or Tab, to insert a canned reply" },
  { keys: ["1–6"], what: "Send that choice, when the open case offers choices (claims it first if it is open)" },
  { keys: ["Alt", "1–3"], what: "Put a saved answer (shown under the case) into the reply box; it is not sent" },
  { keys: ["?"], what: "Show these shortcuts" },
];

/** True while the user types in a field: plain letter keys then belong to the text, not to us. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

/**
 * The console's keyboard map. Ctrl/Cmd+Enter and Esc work everywhere; the rest only outside text fields,
 * where a shortcut key is always consumed (preventDefault) so it can never become text. Everything is
 * handled synchronously in the keydown, so a key typed right after another lands where the first one left
 * focus, however fast the typing.
 */
export function useShortcuts(handlers: ShortcutHandlers, enabled = true) {
  const h = useRef(handlers);
  h.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        return h.current.send();
      }
      if (e.key === "Escape") return h.current.back();
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const map: Record<string, (() => void) | undefined> = {
        j: h.current.next,
        k: h.current.prev,
        r: h.current.focusReply,
        "?": h.current.help,
      };
      const fn = map[e.key];
      if (fn) {
        e.preventDefault();
        return fn();
      }
      if (/^[1-6]$/.test(e.key) && h.current.pick?.(Number(e.key))) return e.preventDefault();
      if (e.key.length === 1 && e.key !== " " && h.current.typeAhead(e.key)) return e.preventDefault();
      // Enter on a queue row opens and claims it; on any other button or link it keeps its usual meaning.
      const t = e.target as HTMLElement | null;
      if (e.key === "Enter" && (!t || t === document.body || t.closest?.("[data-queue-row]"))) {
        e.preventDefault();
        h.current.openAndClaim();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

/**
 * For console pages without a queue (history, canned replies): only `?` (the shortcut list) and Esc (close
 * it) do anything. Returns the dialog's state for ConsoleFrame.
 */
export function useHelpOnlyShortcuts(): [boolean, (open: boolean) => void] {
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts(
    {
      next() {},
      prev() {},
      openAndClaim() {},
      focusReply() {},
      send() {},
      typeAhead: () => false,
      back: () => setHelpOpen(false),
      help: () => setHelpOpen(true),
    },
    !helpOpen,
  );
  return [helpOpen, setHelpOpen];
}
