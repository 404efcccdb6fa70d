"use client";

import type { ReactNode } from "react";
import { CopyButton } from "@/components/admin/copy-button";

/** A secret shown exactly once (a new API key, a generated password), with a copy button. */
export function ShownOnce({
  title,
  value,
  note,
  onDismiss,
  children,
}: {
  title: string;
  value: string;
  note: string;
  onDismiss: () => void;
  children?: ReactNode;
}) {
  return (
    <section className="adm-notice" aria-label={title}>
      <strong>{title}</strong>
      <div className="adm-secret">
        <code data-testid="shown-once-secret">{value}</code>
        <CopyButton value={value} />
      </div>
      <p className="adm-muted" style={{ margin: 0 }}>
        {note}
      </p>
      {children}
      <button type="button" className="adm-btn-secondary" style={{ marginTop: "0.5rem" }} onClick={onDismiss}>
        Done — I have saved it
      </button>
    </section>
  );
}
