"use client";

import { useState, type FormEvent } from "react";
import type { CannedReply } from "@/components/console/types";

type Values = { shortcut: string; title: string; body: string };

/** Create or edit one reply. The server validates; its message (naming the field) is shown as is. */
export function CannedReplyForm({ initial, submitLabel, onSubmit, onCancel }: { initial?: CannedReply; submitLabel: string; onSubmit: (v: Values) => Promise<string | null>; onCancel?: () => void }) {
  const [v, setV] = useState<Values>({ shortcut: initial?.shortcut ?? "", title: initial?.title ?? "", body: initial?.body ?? "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = initial?.id ?? "new";

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const err = await onSubmit(v);
    setBusy(false);
    setError(err);
    if (!err && !initial) setV({ shortcut: "", title: "", body: "" });
  }

  return (
    <form className="cx-form" onSubmit={submit} aria-label={initial ? `Edit /${initial.shortcut}` : "New canned reply"}>
      <label htmlFor={`cr-shortcut-${id}`}>Shortcut (typed as /shortcut)</label>
      <input id={`cr-shortcut-${id}`} value={v.shortcut} onChange={(e) => setV({ ...v, shortcut: e.target.value })} required maxLength={32} pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" placeholder="hours" />
      <label htmlFor={`cr-title-${id}`}>Title (optional)</label>
      <input id={`cr-title-${id}`} value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} maxLength={200} placeholder="Opening hours" />
      <label htmlFor={`cr-body-${id}`}>Reply</label>
      <textarea id={`cr-body-${id}`} value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} required maxLength={4000} rows={3} />
      {error && (
        <p role="alert" className="cx-notice cx-notice-error">
          {error}
        </p>
      )}
      <div className="cx-actions">
        <button type="submit" className="cx-primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="cx-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
