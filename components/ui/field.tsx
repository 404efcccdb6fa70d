"use client";

import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

type Common = { label: ReactNode; hint?: ReactNode; error?: string | null; className?: string };

/** Label, control, hint and error wired together (for/id, aria-describedby, aria-invalid). */
function FieldShell({ id, label, hint, error, className, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`ui-field${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} className="ui-label">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="ui-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="ui-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The control's side of that wiring, the same for every kind of control. */
const controlProps = (id: string, c: Pick<Common, "hint" | "error">) => ({
  id,
  className: "ui-input",
  "aria-invalid": c.error ? true : undefined,
  "aria-describedby": [c.hint && `${id}-hint`, c.error && `${id}-error`].filter(Boolean).join(" ") || undefined,
});

function useFieldId(given?: string) {
  const auto = useId();
  return given ?? `f${auto.replace(/[^a-zA-Z0-9_-]/g, "")}`;
}

export function TextField({
  label,
  hint,
  error,
  className,
  id,
  ref,
  ...rest
}: Common & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const fid = useFieldId(id);
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error} className={className}>
      <input ref={ref} {...controlProps(fid, { hint, error })} {...rest} />
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  className,
  id,
  ref,
  ...rest
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  const fid = useFieldId(id);
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error} className={className}>
      <textarea ref={ref} {...controlProps(fid, { hint, error })} {...rest} />
    </FieldShell>
  );
}

export function SelectField({ label, hint, error, className, id, children, ...rest }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const fid = useFieldId(id);
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error} className={className}>
      <select {...controlProps(fid, { hint, error })} {...rest}>
        {children}
      </select>
    </FieldShell>
  );
}
