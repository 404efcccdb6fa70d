import { CopyButton } from "@/components/admin/copy-button";

/** A block to paste into Retell, with a copy button. Text only. */
export function Snippet({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="adm-snippet">
      <div className="adm-snippet-head">
        <strong>{label}</strong> <CopyButton value={value} label="Copy" />
      </div>
      <pre data-testid={testId} aria-label={label}>
        {value}
      </pre>
    </div>
  );
}
