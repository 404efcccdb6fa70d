import type { HTMLAttributes } from "react";

/** An inline message: errors are alerts (read out at once), everything else a polite status. */
export function Notice({ tone = "info", className, ...rest }: HTMLAttributes<HTMLParagraphElement> & { tone?: "info" | "error" | "ok" }) {
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={`ui-notice ui-notice-${tone}${className ? ` ${className}` : ""}`}
      {...rest}
    />
  );
}
