import type { HTMLAttributes } from "react";

export type BadgeTone = "neutral" | "ok" | "warn" | "bad" | "info" | "accent";

/** A small status label. Colour is never the only signal: the text says it (pass words, not just a dot). */
export function Badge({ tone = "neutral", className, ...rest }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span className={`ui-badge ui-badge-${tone}${className ? ` ${className}` : ""}`} {...rest} />;
}
