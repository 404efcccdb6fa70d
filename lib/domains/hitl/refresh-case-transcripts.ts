import { and, eq, inArray } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { cases } from "@/lib/adapters/db/schema";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";

/**
 * The caller's transcript so far (the voice platform's latest webhook, read by its transport), into the cases
 * of this call still waiting for a person, so the operator answers in context. Only ever grows a case's
 * history (an out-of-order or shorter event leaves it); the console refetches the case on the event published here.
 */
export async function refreshOpenCaseTranscripts(
  deps: Pick<Deps, "db" | "bus" | "config" | "realtime">,
  a: { accountId: string; callId: string; history: Array<{ role: string; content: string }> | undefined },
): Promise<number> {
  const { accountId, history } = a;
  if (!history?.length) return 0;
  const open = await deps.db
    .select({ id: cases.id, history: cases.conversationHistory, priority: cases.priority, urgency: cases.urgency, status: cases.status })
    .from(cases)
    .where(and(eq(cases.accountId, accountId), eq(cases.callId, a.callId), inArray(cases.status, ["open", "claimed"])));
  let updated = 0;
  for (const c of open) {
    if ((c.history?.length ?? 0) >= history.length) continue;
    await deps.db
      .update(cases)
      .set({ conversationHistory: history, updatedAt: new Date() })
      .where(and(eq(cases.id, c.id), eq(cases.accountId, accountId)));
    await publishCaseEvent(deps, {
      type: "case.message",
      accountId,
      caseId: c.id,
      status: c.status,
      priority: c.priority,
      urgency: c.urgency,
    });
    updated++;
  }
  return updated;
}
