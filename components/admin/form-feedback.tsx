import type { FormEvent, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/**
 * What an admin form says after a submit: an error (announced at once) and a status line (announced
 * politely). The status paragraph is always rendered so screen readers hear later updates.
 */
export function FormFeedback({ error, message }: { error?: string | null; message?: string | null }) {
  return (
    <>
      {error && <Notice tone="error">{error}</Notice>}
      <p role="status" className="adm-muted">
        {message}
      </p>
    </>
  );
}

/** A form's submit button that says what it is doing while busy. */
export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <Button type="submit" disabled={busy}>
      {busy ? busyLabel : label}
    </Button>
  );
}

/** An error said at once (role="alert"), or nothing when there is none. */
export function ErrorAlert({ error }: { error?: string | null }) {
  return (
    error && (
      <p role="alert" className="error">
        {error}
      </p>
    )
  );
}

/**
 * A settings card: a form titled by its heading, its fields, then the submit button, any further
 * `actions` and what the last submit said.
 */
export function SettingsForm({
  id,
  title,
  onSubmit,
  busy,
  error,
  message,
  submitLabel,
  busyLabel = "Saving…",
  actions,
  children,
}: {
  id: string;
  title: ReactNode;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  busy: boolean;
  error: string | null;
  message: string;
  submitLabel: string;
  busyLabel?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form className="adm-form card" onSubmit={onSubmit} aria-labelledby={id}>
      <h2 id={id} style={{ gridColumn: "1 / -1", marginTop: 0 }}>
        {title}
      </h2>
      {children}
      <div className="actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel={busyLabel} />
        {actions}
        <FormFeedback error={error} message={message} />
      </div>
    </form>
  );
}
