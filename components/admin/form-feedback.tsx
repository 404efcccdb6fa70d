/**
 * What an admin form says after a submit: an error (announced at once) and a status line (announced
 * politely). The status paragraph is always rendered so screen readers hear later updates.
 */
export function FormFeedback({ error, message }: { error?: string | null; message?: string | null }) {
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="adm-muted">
        {message}
      </p>
    </>
  );
}

/** A form's submit button that says what it is doing while busy. */
export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}
