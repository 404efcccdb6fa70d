import { eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { leaseDueRows } from "@/lib/adapters/db/lease-due-rows";
import { cases, liveAnswerDeliveries } from "@/lib/adapters/db/schema";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { SYSTEM } from "@/lib/domains/credits/ledger";
import { liveAnswerScript } from "@/lib/domains/hitl/live-answers";
import { enqueuePhoneFollowup } from "@/lib/domains/hitl/phone-followups";
import { type LiveOutcome, speakIntoVapiCall } from "@/lib/domains/vapi/live-calls";
import { log } from "@/lib/platform/log";

type Delivery = typeof liveAnswerDeliveries.$inferSelect;
type Speaker = (deps: Deps, a: { accountId: string; callId: string; text: string }) => Promise<LiveOutcome>;

/** Each platform that can speak into a live call (LIVE_CALL_PLATFORMS). */
const SPEAKERS: Record<string, Speaker> = { vapi: speakIntoVapiCall };

/**
 * Speaks due late answers into the calls they were asked on (leased, so two instances never speak the same
 * one twice). Spoken: the case records "live". The call ended, or the platform refused: the case falls back to
 * its callback policy (the phone follow-up when it asked for one), as if no live call had existed.
 */
export async function dispatchLiveAnswers(deps: Deps, limit = 10): Promise<number> {
  const due = await leaseDueRows(deps.db, liveAnswerDeliveries, {
    limit,
    leaseMs: 30_000,
    countAttempt: true,
    set: { updatedAt: new Date() },
  });
  for (const d of due) await deliver(deps, d);
  return due.length;
}

async function deliver(deps: Deps, d: Delivery): Promise<void> {
  const [row] = await deps.db.select().from(cases).where(eq(cases.id, d.caseId)).limit(1);
  if (row?.status !== "answered" || !row.answer) {
    await deps.db
      .update(liveAnswerDeliveries)
      .set({ status: "fallback", lastError: "case not answered", lockedUntil: null })
      .where(eq(liveAnswerDeliveries.id, d.id));
    return;
  }
  const speak = SPEAKERS[d.provider];
  const outcome: LiveOutcome = speak
    ? await speak(deps, { accountId: d.accountId, callId: d.providerCallId, text: liveAnswerScript(row) }).catch(() => "refused" as const)
    : "no_control";
  const now = new Date();
  const fellBack = await deps.db.transaction(async (tx) => {
    await tx
      .update(liveAnswerDeliveries)
      .set({
        status: outcome === "spoken" ? "spoken" : "fallback",
        lastError: outcome === "spoken" ? null : outcome,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(eq(liveAnswerDeliveries.id, d.id));
    if (outcome === "spoken") {
      await tx.update(cases).set({ lateAnswerDelivery: "live", lateAnswerDeliveredAt: now, updatedAt: now }).where(eq(cases.id, row.id));
      await recordAudit(tx, {
        accountId: row.accountId,
        entityType: "case",
        entityId: row.id,
        action: "case.answer_spoken_live",
        ...SYSTEM,
        data: { provider: d.provider },
      });
      return false;
    }
    // The same rule the answering transaction applies when no live call exists.
    return enqueuePhoneFollowup(tx, row, row.answeredAt ?? now);
  });
  log.info({ caseId: row.id, accountId: row.accountId, outcome, callback: fellBack }, "late answer for a live call");
  if (fellBack) deps.kick("phone-followups");
  await publishCaseEvent(deps, {
    type: "case.message",
    accountId: row.accountId,
    caseId: row.id,
    status: row.status,
    priority: row.priority,
    urgency: row.urgency,
    at: now.toISOString(),
  });
}
