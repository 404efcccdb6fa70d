import { and, eq, inArray } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { cases } from "@/lib/adapters/db/schema";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";
import { historyFromCall, retellCallSchema } from "@/lib/transports/retell/call-context";
import type { RetellWebhookCall } from "@/lib/adapters/telephony/retell/webhook-event";

/**
 * The caller's transcript so far, from the latest webhook, into the cases of this call still waiting for
 * a person, so the operator answers in context. Only ever grows a case's history (an out-of-order or
 * shorter event leaves it); the console refetches the case on the event published here.
 */
export async function refreshOpenCaseTranscripts(
  deps: Pick<Deps, "db" | "bus" | "config" | "realtime">,
  accountId: string,
  call: RetellWebhookCall,
): Promise<number> {
  const parsed = retellCallSchema.safeParse(call);
  const history = parsed.success ? historyFromCall(parsed.data) : undefined;
  if (!history?.length) return 0;
  const open = await deps.db
    .select({ id: cases.id, history: cases.conversationHistory, priority: cases.priority, urgency: cases.urgency, status: cases.status })
    .from(cases)
    .where(and(eq(cases.accountId, accountId), eq(cases.callId, call.call_id), inArray(cases.status, ["open", "claimed"])));
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
