"use client";

import { useState } from "react";

/** Copies a secret to the clipboard; falls back to selecting the text where the Clipboard API is unavailable (plain http). */
export function CopyButton({ value, label = "Copy", ariaLabel }: { value: string; label?: string; ariaLabel?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <>
      <button type="button" onClick={copy} aria-label={ariaLabel ?? `${label} to clipboard`}>
        {state === "copied" ? "Copied" : label}
      </button>
      <span role="status" className="adm-muted">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Copy failed: select the text and copy it by hand." : ""}
      </span>
    </>
  );
}
