import type { Db } from "@/lib/adapters/db/client";
import { liveAnswerDeliveries, type CaseRow } from "@/lib/adapters/db/schema";
import { LIVE_CALL_PLATFORMS } from "@/lib/platform/agent-platform-ids";
import { agentStoppedWaiting } from "@/lib/domains/hitl/phone-followups";

/**
 * Late answer → spoken into the call it was asked on, while that call lasts (Vapi's live call control). The
 * answering transaction writes an outbox row instead of the phone follow-up when the case came through a
 * platform that can speak into a live call; the calls domain's dispatchLiveAnswers speaks it, or falls back to
 * the phone follow-up when the call has ended or the platform refuses. hitl only enqueues.
 */
export async function enqueueLiveAnswer(tx: Db, answered: CaseRow, at: Date): Promise<boolean> {
  if (!answered.callId || !(LIVE_CALL_PLATFORMS as readonly string[]).includes(answered.source)) return false;
  if (!agentStoppedWaiting(answered, at)) return false;
  const rows = await tx
    .insert(liveAnswerDeliveries)
    .values({ accountId: answered.accountId, caseId: answered.id, provider: answered.source, providerCallId: answered.callId })
    .onConflictDoNothing({ target: liveAnswerDeliveries.caseId })
    .returning({ id: liveAnswerDeliveries.id });
  return rows.length > 0;
}

/** What the assistant says into the live call: the question, then the answer, verbatim. */
export function liveAnswerScript(row: Pick<CaseRow, "question" | "answer">): string {
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return `I have an answer to your question, "${clip(row.question, 300)}": ${clip(row.answer ?? "", 2000)}`;
}
