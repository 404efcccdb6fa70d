import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { calls, type CallRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { hasScope, type Principal, type Scope } from "@/lib/auth/principal";

/** Members may read and place calls; API keys need calls:read / calls:write; `admin` implies both. */
export function requireScope(p: Principal, scope: Scope): void {
  if (!hasScope(p, scope)) throw new AppError("forbidden", `This API key needs the ${scope} scope.`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A call of this account, or 404 — another tenant's call id is indistinguishable from a missing one. */
export async function getCallRowOrThrow(db: Db, accountId: string, callId: string, opts: { forUpdate?: boolean } = {}): Promise<CallRow> {
  if (!UUID.test(callId)) throw new AppError("not_found", `Call ${callId} not found.`);
  const q = db.select().from(calls).where(and(eq(calls.accountId, accountId), eq(calls.id, callId))).limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found", `Call ${callId} not found.`);
  return row;
}
