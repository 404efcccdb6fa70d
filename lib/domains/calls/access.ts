import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { calls, type CallRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { isUuid } from "@/lib/platform/validation/uuid";

/** A call of this account, or 404 — another tenant's call id is indistinguishable from a missing one. */
export async function getCallRowOrThrow(db: Db, accountId: string, callId: string, opts: { forUpdate?: boolean } = {}): Promise<CallRow> {
  if (!isUuid(callId)) throw new AppError("not_found", `Call ${callId} not found.`);
  const q = db
    .select()
    .from(calls)
    .where(and(eq(calls.accountId, accountId), eq(calls.id, callId)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found", `Call ${callId} not found.`);
  return row;
}
