import type { ReactNode, TableHTMLAttributes } from "react";

/**
 * A data table that scrolls sideways inside its own box on narrow screens (the page never does). The
 * scroll box is focusable only when it is a scroll box, so keyboard users can scroll it too.
 */
export function Table({ caption, className, children, label, ...rest }: TableHTMLAttributes<HTMLTableElement> & { caption?: ReactNode; label?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <section> is a region only when named, and the label is optional here
    <div className="ui-table-wrap" role="region" aria-label={label} tabIndex={label ? 0 : undefined}>
      <table className={`ui-table${className ? ` ${className}` : ""}`} {...rest}>
        {caption && <caption className="ui-sr">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
