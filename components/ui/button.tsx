import type { ButtonHTMLAttributes, Ref } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: "md" | "sm"; ref?: Ref<HTMLButtonElement> };

/**
 * The one button of console and admin. A native <button> (keyboard, focus and disabled come for free);
 * `type` defaults to "button" so a button inside a form never submits by accident.
 */
export function Button({ variant = "primary", size = "md", className, type = "button", ref, ...rest }: Props) {
  return (
    <button
      ref={ref}
      type={type}
      className={`ui-btn ui-btn-${variant}${size === "sm" ? " ui-btn-sm" : ""}${className ? ` ${className}` : ""}`}
      {...rest}
    />
  );
}
