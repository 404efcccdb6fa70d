"use client";

import { useState, type FormEvent } from "react";
import type { CannedReply } from "@/components/console/types";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";

type Values = { shortcut: string; title: string; body: string };

/** Create or edit one reply. The server validates; its message (naming the field) is shown as is. */
export function CannedReplyForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: CannedReply;
  submitLabel: string;
  onSubmit: (v: Values) => Promise<string | null>;
  onCancel?: () => void;
}) {
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
    <form className="ui-form" onSubmit={submit} aria-label={initial ? `Edit /${initial.shortcut}` : "New canned reply"}>
      <div className="ui-form-row">
        <TextField
          id={`cr-shortcut-${id}`}
          label="Shortcut (typed as /shortcut)"
          value={v.shortcut}
          onChange={(e) => setV({ ...v, shortcut: e.target.value })}
          required
          maxLength={32}
          pattern="[A-Za-z0-9][A-Za-z0-9_\-]*"
          placeholder="hours"
        />
        <TextField
          id={`cr-title-${id}`}
          label="Title (optional)"
          value={v.title}
          onChange={(e) => setV({ ...v, title: e.target.value })}
          maxLength={200}
          placeholder="Opening hours"
        />
      </div>
      <TextAreaField
        id={`cr-body-${id}`}
        label="Reply"
        value={v.body}
        onChange={(e) => setV({ ...v, body: e.target.value })}
        required
        maxLength={4000}
        rows={3}
        error={error}
      />
      <div className="ui-actions">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
