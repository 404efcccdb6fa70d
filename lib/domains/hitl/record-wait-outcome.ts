import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { cases, type CaseRow } from "@/lib/adapters/db/schema";
import { log } from "@/lib/platform/log";

export type WaitOutcome = NonNullable<CaseRow["waitOutcome"]>;

/**
 * Notes how an ask_human wait ended on the case (cases.wait_outcome), for HITL metrics: "the agent
 * gave up waiting" and "nobody was online" leave the case open, so its status alone cannot tell them
 * apart. A retried call overwrites the outcome with the newer one; "disconnected" never hides a real
 * outcome. Best effort: a failure here must not cost the agent its answer.
 */
export async function recordWaitOutcome(db: Db, accountId: string, caseId: string, outcome: WaitOutcome): Promise<void> {
  const where = and(eq(cases.id, caseId), eq(cases.accountId, accountId));
  try {
    await db
      .update(cases)
      .set({ waitOutcome: outcome })
      .where(outcome === "disconnected" ? and(where, isNull(cases.waitOutcome)) : where);
  } catch (e) {
    log.warn({ caseId, outcome, err: e instanceof Error ? e.message : String(e) }, "could not record wait outcome");
  }
}
