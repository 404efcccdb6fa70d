import { and, asc, desc, eq, gt, lt, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { encodeCursor, type Cursor } from "@/lib/platform/validation/cursor";

/** Every cursor-paged list: the array under its own name (`cases`, `calls`, `items`) plus this. */
export type Page = { nextCursor: string | null };
export type PageOrder = "newest" | "oldest";

type KeyColumns = { createdAt: AnyColumn; id: AnyColumn };

/**
 * created_at as ISO 8601 text at full (microsecond) precision, for the cursor: a JS Date would round it
 * to milliseconds, and rows within the same millisecond would fall between two pages.
 */
export const cursorTime = (createdAt: AnyColumn) => sql<string>`to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Keyset pagination over (created_at, id): newest first by default (both descending), or oldest first.
 * `after` is the WHERE condition for the page after `cursor` (undefined for the first page); compare
 * in SQL so the timestamp keeps its precision.
 */
export function keyset(cols: KeyColumns, order: PageOrder = "newest") {
  const past = order === "newest" ? lt : gt;
  const dir = order === "newest" ? desc : asc;
  return {
    after(cursor: Cursor | undefined): SQL | undefined {
      if (!cursor) return undefined;
      const t = sql`${cursor.t}::timestamptz`;
      return or(past(cols.createdAt, t), and(eq(cols.createdAt, t), past(cols.id, cursor.id)));
    },
    orderBy: [dir(cols.createdAt), dir(cols.id)] as const,
  };
}

/**
 * Cuts a page from rows fetched with `limit + 1` (the extra row only says there is more) that carry
 * `cursorAt` (select it with `cursorTime`); the rows come back without it.
 */
export function cutPage<R extends { id: string; cursorAt: string }>(
  rows: R[],
  limit: number,
): { rows: Omit<R, "cursorAt">[]; nextCursor: string | null; lastAt: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const more = rows.length > limit && last !== undefined;
  return {
    rows: page.map(({ cursorAt: _, ...row }) => row),
    nextCursor: more ? encodeCursor({ t: last.cursorAt, id: last.id }) : null,
    lastAt: more ? last.cursorAt : null,
  };
}
