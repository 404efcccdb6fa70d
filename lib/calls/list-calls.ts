import { and, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Deps } from "@/lib/deps";
import { calls } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseIsoDate } from "@/lib/validation/dates";
import type { Principal } from "@/lib/auth/principal";
import { assertScope } from "@/lib/auth/permissions";
import { toPublicCall } from "@/lib/calls/call-view";
import { listCallsSchema, type PublicCall } from "@/lib/calls/schemas";
import { parseOrThrow } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/uuid";

export type CallPage = { calls: PublicCall[]; nextCursor: string | null };

// Keyset cursor over (created_at, id), newest first: stable while new calls arrive.
const encode = (row: { createdAt: Date; id: string }) => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
function decode(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = parseIsoDate(at ?? "");
  if (!id || !isUuid(id) || !createdAt) throw new AppError("validation_failed", "cursor: is not a cursor this API returned");
  return { createdAt, id };
}

/** get_call_history / GET /api/calls: this account's calls, newest first, filtered, one page at a time. */
export async function listCalls(deps: Deps, principal: Principal, raw: unknown): Promise<CallPage> {
  assertScope(principal, "calls:read");
  const q = parseOrThrow(listCallsSchema, raw ?? {});
  const where: SQL[] = [eq(calls.accountId, principal.accountId)];
  if (q.status?.length) where.push(inArray(calls.status, q.status));
  if (q.from) where.push(gte(calls.createdAt, q.from));
  if (q.to) where.push(lt(calls.createdAt, q.to));
  if (q.phoneNumber) where.push(eq(calls.phoneNumber, q.phoneNumber));
  if (q.cursor) {
    const c = decode(q.cursor);
    where.push(or(lt(calls.createdAt, c.createdAt), and(eq(calls.createdAt, c.createdAt), lt(calls.id, c.id)))!);
  }
  const rows = await deps.db
    .select()
    .from(calls)
    .where(and(...where))
    .orderBy(desc(calls.createdAt), desc(calls.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { calls: page.map(toPublicCall), nextCursor: rows.length > q.limit ? encode(page[page.length - 1]!) : null };
}
