import { and, eq, getTableColumns, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { calls } from "@/lib/adapters/db/schema";
import { cursorTime, cutPage, keyset } from "@/lib/adapters/db/keyset";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { toPublicCall } from "@/lib/domains/calls/call-view";
import { listCallsSchema, type PublicCall } from "@/lib/domains/calls/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export type CallPage = { calls: PublicCall[]; nextCursor: string | null };

/** get_call_history / GET /api/calls: this account's calls, newest first, filtered, one page at a time. */
export async function listCalls(deps: Deps, principal: Principal, raw: unknown): Promise<CallPage> {
  assertScope(principal, "calls:read");
  const q = parseOrThrow(listCallsSchema, raw ?? {});
  const page = keyset(calls);
  const where: (SQL | undefined)[] = [eq(calls.accountId, principal.accountId), page.after(q.cursor)];
  if (q.status?.length) where.push(inArray(calls.status, q.status));
  if (q.from) where.push(gte(calls.createdAt, q.from));
  if (q.to) where.push(lt(calls.createdAt, q.to));
  if (q.phoneNumber) where.push(eq(calls.phoneNumber, q.phoneNumber));
  const rows = await deps.db
    .select({ ...getTableColumns(calls), cursorAt: cursorTime(calls.createdAt) })
    .from(calls)
    .where(and(...where))
    .orderBy(...page.orderBy)
    .limit(q.limit + 1);
  const { rows: items, nextCursor } = cutPage(rows, q.limit);
  return { calls: items.map(toPublicCall), nextCursor };
}
