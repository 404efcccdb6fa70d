import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { ladderStepsFor } from "@/lib/domains/channels/ladder";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";
import type { Deps } from "@/lib/platform/deps";

/** GET /api/cases/{id}/ladder: the steps taken for one case of the caller's account (another account's is a 404). */
export async function getCaseLadder(deps: Pick<Deps, "db">, principal: Principal, caseId: string) {
  assertScope(principal, "hitl:answer");
  const row = await getCaseOrThrow(deps.db, principal.accountId, caseId);
  const steps = await ladderStepsFor(deps, principal.accountId, [row.id]);
  return {
    caseId: row.id,
    steps: steps.map((s) => ({
      step: s.step,
      channel: s.channel,
      takenAt: s.takenAt.toISOString(),
      outcome: s.outcome,
      detail: s.detail,
      attempts: s.attempts,
      // A failed step that will be tried again, while the case is open: when.
      retryAt: s.retryAt?.toISOString() ?? null,
    })),
  };
}
