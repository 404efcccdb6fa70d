import { CopyButton } from "@/components/admin/copy-button";

/** A block to paste into the agent platform, with a copy button. Text only. */
export function Snippet({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="adm-snippet">
      <div className="adm-snippet-head">
        <strong>{label}</strong> <CopyButton value={value} label="Copy" />
      </div>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole lint/a11y/noNoninteractiveTabindex: scrolls when long: focusable so a keyboard user can scroll it too, and named so the focus stop is announced */}
      <pre data-testid={testId} aria-label={label} tabIndex={0}>
        {value}
      </pre>
    </div>
  );
}
