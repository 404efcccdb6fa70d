import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { cases, type CaseRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { isUuid } from "@/lib/platform/validation/uuid";
import { presentCase } from "@/lib/domains/hitl/case-view";
import type { PublicCase } from "@/lib/domains/hitl/schemas";

/** A case of this account, or 404 — the same answer for unknown ids and other accounts' cases. */
export async function getCaseOrThrow(db: Db, accountId: string, caseId: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  if (!isUuid(caseId)) throw new AppError("not_found", `Case ${caseId} was not found.`);
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.accountId, accountId)))
    .limit(1);
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
