import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { caseMessages, cases, type CaseRow, type MessageRow, type SenderType } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { actorOf, hasScope, type Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { getCaseOrThrow, isFinal } from "@/lib/domains/hitl/get-case";
import { holderNames, presentCase, toPublicCase } from "@/lib/domains/hitl/case-view";
import { holdsClaim } from "@/lib/domains/hitl/claim-case";
import { postMessageSchema, type PublicCase } from "@/lib/domains/hitl/schemas";
import { deliverDueCallbacks, enqueueCaseCallback } from "@/lib/domains/hitl/callbacks";
import { log } from "@/lib/platform/log";
import { enqueuePhoneFollowup } from "@/lib/domains/hitl/phone-followups";
import { enqueueLiveAnswer } from "@/lib/domains/hitl/live-answers";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";
import { ANSWER_IN_EVENT_MAX_BYTES } from "@/lib/adapters/events/port";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { notePresence } from "@/lib/domains/presence/presence";

/** The sender follows from the credential: hitl:answer (operators, admins, answering keys) is human; hitl:ask is the agent. */
export function senderFor(p: Principal): SenderType {
  if (hasScope(p, "hitl:answer")) return "human";
  assertScope(p, "hitl:ask", "hitl:answer");
  return "agent";
}

/**
 * Adds a message to a case. The first human message on an open or claimed case answers it —
 * exactly once: the row is locked, so of several simultaneous answers one wins and the rest get 409.
 */
export async function postMessage(
  deps: Deps,
  principal: Principal,
  caseId: string,
  raw: unknown,
): Promise<{ message: MessageRow; case: PublicCase; answered: boolean }> {
  const input = parseOrThrow(postMessageSchema, raw);
  const senderType = senderFor(principal);
  if (senderType !== "human" && input.choice !== undefined) {
    throw new AppError("validation_failed", "choice: only a person's answer picks a choice");
  }
  // A choice alone is also the answer's words: the caller hears it, the thread shows it.
  const content = input.content ?? input.choice!;
  const accountId = principal.accountId;

  // The answered case is presented once, inside the transaction, when its callback needs it; that view is also the result.
  let view: PublicCase | undefined;
  const result = await deps.db.transaction(async (tx) => {
    const current = await getCaseOrThrow(tx, accountId, caseId, { forUpdate: true });
    if (isFinal(current.status)) throw new AppError("conflict", `Case is already ${current.status}.`, { status: current.status });
    if (senderType === "human" && current.status === "claimed" && !holdsClaim(principal, current)) {
      const holder = toPublicCase(current, await holderNames(tx, [current])).claimedBy;
      throw new AppError("conflict", `Case is claimed by ${holder?.name ?? "someone else"}.`, { claimedBy: holder });
    }
    const choice = senderType === "human" ? checkChoice(current, input.choice) : null;
    const [message] = await tx
      .insert(caseMessages)
      .values({
        caseId,
        accountId,
        senderType,
        senderMemberId: principal.kind === "member" ? principal.memberId : null,
        senderKeyId: principal.kind === "api_key" ? principal.keyId : null,
        content,
      })
      .returning();
    if (senderType !== "human") return { message: message!, case: current, answered: false };

    const now = new Date();
    const [answered] = await tx
      .update(cases)
      .set({
        status: "answered",
        answer: content,
        choice,
        answeredAt: now,
        closedAt: now,
        updatedAt: now,
        answeredByMemberId: principal.kind === "member" ? principal.memberId : null,
        answeredByKeyId: principal.kind === "api_key" ? principal.keyId : null,
      })
      .where(eq(cases.id, caseId))
      .returning();
    // A call still going on a platform that can speak into it hears the late answer there; the phone follow-up
    // is then its fallback (lib/domains/calls/dispatch-live-answers.ts), not enqueued here.
    const live = await enqueueLiveAnswer(tx, answered!, now);
    // Independent rows of one transaction: sent together, postgres.js pipelines them in one round trip
    // (a burst of answers holds each pooled connection that much shorter).
    await Promise.all([
      enqueueSheetEvents(tx, [{ entityType: "case", entityId: caseId, accountId, event: "answered", occurredAt: now }]),
      recordAudit(tx, {
        accountId,
        entityType: "case",
        entityId: caseId,
        action: "case.answered",
        fromStatus: current.status,
        toStatus: "answered",
        ...actorOf(principal),
        data: choice === null ? { messageId: message!.id } : { messageId: message!.id, choice },
      }),
      // The agent stopped waiting and the case asked for a phone follow-up → outbox row, same transaction.
      !live && enqueuePhoneFollowup(tx, answered!, now),
    ]);
    if (answered!.callbackUrl) {
      view = await presentCase(tx, answered!);
      await enqueueCaseCallback(tx, answered!, view);
    }
    return { message: message!, case: answered!, answered: true, live };
  });

  const at = new Date().toISOString();
  const { priority, urgency, status } = result.case;
  // Sent together (one write on the bus's connection), the answer inside when short: the waiting call
  // returns the moment it hears it, without another round trip — a burst of answers saturates this process.
  const answer = result.answered && Buffer.byteLength(content) <= ANSWER_IN_EVENT_MAX_BYTES ? content : undefined;
  const choice = answer !== undefined ? (result.case.choice ?? undefined) : undefined;
  await Promise.all([
    publishCaseEvent(deps, { type: "case.message", accountId, caseId, status, priority, urgency, messageId: result.message.id, at }),
    senderType === "human" && notePresence(deps, principal),
    result.answered &&
      publishCaseEvent(deps, { type: "case.answered", accountId, caseId, status: "answered", priority, urgency, at, answer, choice }),
  ]);
  // The outbox row is committed; try it now rather than at the next sweep.
  if (result.answered && result.case.callbackUrl) {
    void deliverDueCallbacks(deps).catch((e) => log.warn({ caseId, err: String(e) }, "callback delivery deferred"));
  }
  if (result.answered && "live" in result && result.live) deps.kick("live-answers");
  else if (result.answered && result.case.followUp === "phone") deps.kick("phone-followups");
  if (result.answered) deps.kick("channel-posts");
  return { message: result.message, case: view ?? (await presentCase(deps.db, result.case)), answered: result.answered };
}

/**
 * The choice a person's answer picks, checked against the case: exactly one of its choices, or none —
 * unless the case takes only a choice. Thrown inside the answering transaction, so nothing is written.
 */
function checkChoice(c: CaseRow, choice: string | undefined): string | null {
  if (choice === undefined) {
    if (c.choicesOnly)
      throw new AppError(
        "validation_failed",
        `choice: required; this case is answered only with one of its choices (${c.choices?.join(" | ")})`,
      );
    return null;
  }
  if (!c.choices?.length) throw new AppError("validation_failed", "choice: this case offers no choices");
  if (!c.choices.includes(choice)) throw new AppError("validation_failed", "choice: must be one of the case's choices, exactly as offered");
  return choice;
}
