"use client";

import { SHORTCUTS } from "@/components/console/use-shortcuts";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** The `?` overlay: the shared dialog (focus trapped, Esc closes, focus goes back to where it was). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()} title="Keyboard shortcuts">
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
      <div className="ui-actions ui-dialog-actions">
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
