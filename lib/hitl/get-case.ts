import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { cases, type CaseRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case of this account, or 404 — the same answer for unknown ids and other accounts' cases. */
export async function getCaseOrThrow(db: Db, accountId: string, caseId: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  if (!UUID.test(caseId)) throw new AppError("not_found", `Case ${caseId} was not found.`);
  const q = db.select().from(cases).where(and(eq(cases.id, caseId), eq(cases.accountId, accountId))).limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found", `Case ${caseId} was not found.`);
  return row;
}

export const isFinal = (status: CaseRow["status"]) => status === "answered" || status === "expired" || status === "cancelled";
