import { and, eq, getTableColumns, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { cases, type CaseRow } from "@/lib/adapters/db/schema";
import { cursorTime, cutPage, keyset } from "@/lib/adapters/db/keyset";
import type { ListCasesQuery } from "@/lib/domains/hitl/schemas";

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Cases of one account, one page at a time: newest or oldest first (an answering queue wants the
 * longest-waiting first), optionally matching a text search. `cursor` is the previous page's
 * nextCursor; `before` (deprecated, kept for one release) is the older ISO timestamp cursor, still
 * answered with `nextBefore` on newest-first pages.
 */
export async function listCases(
  deps: Deps,
  accountId: string,
  q: ListCasesQuery,
): Promise<{ cases: CaseRow[]; nextCursor: string | null; nextBefore: string | null }> {
  const page = keyset(cases, q.order);
  const where: (SQL | undefined)[] = [eq(cases.accountId, accountId), page.after(q.cursor)];
  if (q.status?.length) where.push(inArray(cases.status, q.status));
  // Compared in SQL at full (microsecond) precision: a JS Date would round the cursor to milliseconds.
  if (q.before) where.push(sql`${cases.createdAt} < ${q.before}::timestamptz`);
  if (q.q) {
    const p = likePattern(q.q);
    where.push(or(ilike(cases.question, p), ilike(cases.context, p), ilike(cases.answer, p), sql`${cases.callerInfo}::text ilike ${p}`)!);
  }
  const rows = await deps.db
    .select({ ...getTableColumns(cases), cursorAt: cursorTime(cases.createdAt) })
    .from(cases)
    .where(and(...where))
    .orderBy(...page.orderBy)
    .limit(q.limit + 1);
  const { rows: items, nextCursor, lastAt } = cutPage(rows, q.limit);
  return { cases: items, nextCursor, nextBefore: q.order === "oldest" ? null : lastAt };
}
