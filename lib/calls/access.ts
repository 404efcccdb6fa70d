import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { calls, type CallRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A call of this account, or 404 — another tenant's call id is indistinguishable from a missing one. */
export async function getCallRowOrThrow(db: Db, accountId: string, callId: string, opts: { forUpdate?: boolean } = {}): Promise<CallRow> {
  if (!UUID.test(callId)) throw new AppError("not_found", `Call ${callId} not found.`);
  const q = db.select().from(calls).where(and(eq(calls.accountId, accountId), eq(calls.id, callId))).limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found", `Call ${callId} not found.`);
  return row;
}
