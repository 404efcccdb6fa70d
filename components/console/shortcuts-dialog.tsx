"use client";

import { useEffect, useRef } from "react";
import { SHORTCUTS } from "@/components/console/use-shortcuts";

/** The `?` overlay. A native <dialog>: focus is trapped and Esc closes it. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="cx-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p data-testid="answer-sequence">
        To answer: <kbd>Enter</kbd>, <kbd>r</kbd>, type, <kbd>Ctrl</kbd> + <kbd>Enter</kbd>. Inside the answer box every key is text.
      </p>
      <table className="cx-shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <th scope="row">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && " + "}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="cx-primary" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
