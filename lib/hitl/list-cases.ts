import { and, asc, eq, getTableColumns, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Deps } from "@/lib/deps";
import { caseMessages, cases, type CaseRow, type MessageRow } from "@/lib/db/schema";
import { cursorTime, cutPage, keyset } from "@/lib/db/keyset";
import type { ListCasesQuery } from "@/lib/hitl/schemas";
import { getCaseOrThrow } from "@/lib/hitl/get-case";

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Cases of one account, one page at a time: newest or oldest first (an answering queue wants the
 * longest-waiting first), optionally matching a text search. `cursor` is the previous page's
 * nextCursor; `before` (deprecated, kept for one release) is the older ISO timestamp cursor, still
 * answered with `nextBefore` on newest-first pages.
 */
export async function listCases(deps: Deps, accountId: string, q: ListCasesQuery): Promise<{ cases: CaseRow[]; nextCursor: string | null; nextBefore: string | null }> {
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

/** A case of the account with its whole thread (the MCP resource switchboard://cases/{caseId}). */
export async function getCaseWithMessages(deps: Deps, accountId: string, caseId: string) {
  const row = await getCaseOrThrow(deps.db, accountId, caseId);
  return { case: row, messages: await messagesAfter(deps, caseId, 0) };
}

async function messagesAfter(deps: Deps, caseId: string, after: number): Promise<MessageRow[]> {
  return deps.db
    .select()
    .from(caseMessages)
    .where(and(eq(caseMessages.caseId, caseId), gt(caseMessages.id, after)))
    .orderBy(asc(caseMessages.id))
    .limit(500);
}

/**
 * Long poll: messages newer than `after` at once if there are any, else waits up to `waitSeconds`
 * for the next one (woken by the event bus; the final read catches anything the bus missed).
 */
export async function listMessages(deps: Deps, accountId: string, caseId: string, q: { after: number; waitSeconds: number; signal?: AbortSignal }) {
  await getCaseOrThrow(deps.db, accountId, caseId);
  if (q.waitSeconds <= 0) return messagesAfter(deps, caseId, q.after);
  let wake = () => {};
  const woken = new Promise<void>((r) => (wake = r));
  const unsubscribe = await deps.bus.subscribe(`case:${caseId}`, () => wake());
  try {
    const first = await messagesAfter(deps, caseId, q.after);
    if (first.length) return first;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, q.waitSeconds * 1000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      woken.then(done);
      q.signal?.addEventListener("abort", done, { once: true });
    });
    return messagesAfter(deps, caseId, q.after);
  } finally {
    unsubscribe();
  }
}
