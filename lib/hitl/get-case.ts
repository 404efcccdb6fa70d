import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { cases, type CaseRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Deps } from "@/lib/deps";
import type { Principal } from "@/lib/auth/principal";
import { assertScope } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/validation/uuid";
import { presentCase } from "@/lib/hitl/case-view";
import type { PublicCase } from "@/lib/hitl/schemas";

/** A case of this account, or 404 — the same answer for unknown ids and other accounts' cases. */
export async function getCaseOrThrow(db: Db, accountId: string, caseId: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  if (!isUuid(caseId)) throw new AppError("not_found", `Case ${caseId} was not found.`);
  const q = db.select().from(cases).where(and(eq(cases.id, caseId), eq(cases.accountId, accountId))).limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found", `Case ${caseId} was not found.`);
  return row;
}

/** A case as its asker or an answerer sees it (GET /api/cases/{id}). */
export async function getCaseForPrincipal(deps: Deps, principal: Principal, caseId: string): Promise<PublicCase> {
  assertScope(principal, "hitl:ask", "hitl:answer");
  return presentCase(deps.db, await getCaseOrThrow(deps.db, principal.accountId, caseId));
}

export const isFinal = (status: CaseRow["status"]) => status === "answered" || status === "expired" || status === "cancelled";
