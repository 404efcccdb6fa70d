import type { HTMLAttributes, Key, ReactNode, TableHTMLAttributes, TdHTMLAttributes } from "react";

type TableProps = TableHTMLAttributes<HTMLTableElement> & { caption?: ReactNode; label?: string };

/**
 * A data table that scrolls sideways inside its own box on narrow screens (the page never does). The
 * scroll box is focusable only when it is a scroll box, so keyboard users can scroll it too.
 */
export function Table({ caption, className, children, label, ...rest }: TableProps) {
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

/** The header row: one `<th scope="col">` per column, so screen readers announce each cell's column. */
export function TableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are a fixed list, never reordered
          <th key={i} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export type Column<T> = {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell names its row (`<th scope="row">`), as the first column of a summary table does. */
  rowHeader?: boolean;
  td?: TdHTMLAttributes<HTMLTableCellElement>;
};

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

type DataTableProps<T> = {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  /** Attributes of each row, such as the `data-*` the end-to-end tests find rows by. */
  rowProps?: (row: T) => RowAttributes;
  /** Said in one full-width row when there are no rows; without it the body is empty. */
  empty?: ReactNode;
  /** A plain `<table>` without the scroll box, for pages that scroll an outer `.adm-scroll` instead. */
  bare?: boolean;
};

/** A table drawn from column definitions: header row, one row per item, and the empty-state row. */
export function DataTable<T>({ columns, rows, rowKey, rowProps, empty, bare, ...table }: DataTableProps<T> & TableProps) {
  const content = (
    <>
      <TableHead columns={columns.map((c) => c.header)} />
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((c, i) =>
              c.rowHeader ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are a fixed list, never reordered
                <th key={i} scope="row" {...c.td}>
                  {c.cell(row)}
                </th>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are a fixed list, never reordered
                <td key={i} {...c.td}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
        {empty !== undefined && rows.length === 0 && (
          <tr>
            <td colSpan={columns.length} className="adm-muted">
              {empty}
            </td>
          </tr>
        )}
      </tbody>
    </>
  );
  if (!bare) return <Table {...table}>{content}</Table>;
  const { caption: _caption, label: _label, ...plain } = table;
  return <table {...plain}>{content}</table>;
}
