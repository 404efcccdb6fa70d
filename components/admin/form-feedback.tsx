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
