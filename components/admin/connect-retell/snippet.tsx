import { CopyButton } from "@/components/admin/copy-button";

/** A block to paste into Retell, with a copy button. Text only. */
export function Snippet({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="adm-snippet">
      <div className="adm-snippet-head">
        <strong>{label}</strong> <CopyButton value={value} label="Copy" />
      </div>
      {/* Scrolls when long: focusable so a keyboard user can scroll it too. */}
      <pre data-testid={testId} aria-label={label} tabIndex={0}>
        {value}
      </pre>
    </div>
  );
}
