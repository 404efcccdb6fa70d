import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { cases, members } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { answerInput, caseChoices } from "@/lib/domains/channels/choices";
import type { ChannelReply, ReplyOutcome } from "@/lib/domains/channels/port";
import { claimCase } from "@/lib/domains/hitl/claim-case";
import { getCaseOrThrow, isFinal } from "@/lib/domains/hitl/get-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import type { Deps } from "@/lib/platform/deps";
import { isAppError } from "@/lib/platform/errors";

/** The member a channel identified (a linked Slack user, an on-call phone), acting as they would in the console. */
export async function memberPrincipal(db: Db, accountId: string, memberId: string): Promise<Principal | null> {
  const [m] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.accountId, accountId), eq(members.active, true)))
    .limit(1);
  return m ? { kind: "member", accountId, memberId: m.id, role: m.role, email: m.email, name: m.name } : null;
}

/** Why a claim or an answer lost, in words the channel can show the person. */
async function lost(db: Db, accountId: string, caseId: string, e: unknown): Promise<ReplyOutcome> {
  if (!isAppError(e) || e.code !== "conflict") throw e;
  const row = await getCaseOrThrow(db, accountId, caseId);
  if (row.status === "answered") return { ok: false, reason: "already_answered", message: "This question was already answered." };
  if (isFinal(row.status)) return { ok: false, reason: "closed", message: `This question is ${row.status}.` };
  return { ok: false, reason: "claimed_by_other", message: e.message };
}

/**
 * A person's action in a channel, made through the console's own calls: claimCase (one winner, whichever
 * channel it came from) and postMessage (the row lock makes the answer exactly-once). Answering an open case
 * claims it first, so two channels answering at once resolve to one claim and one answer.
 */
export async function replyFromChannel(
  deps: Deps,
  input: { accountId: string; memberId: string; caseId: string; channel: "slack" | "sms"; reply: ChannelReply },
): Promise<ReplyOutcome> {
  const { accountId, caseId, channel, reply } = input;
  const principal = await memberPrincipal(deps.db, accountId, input.memberId);
  if (!principal) return { ok: false, reason: "not_linked", message: "You are not linked to an active Switchboard member." };
  if (reply.action === "answer") {
    const row = await getCaseOrThrow(deps.db, accountId, caseId);
    const { choices, choicesOnly } = caseChoices(row);
    if (reply.choice !== undefined && !choices?.includes(reply.choice))
      return { ok: false, reason: "invalid", message: "That is not one of this question's choices." };
    if (reply.choice === undefined && choicesOnly)
      return { ok: false, reason: "invalid", message: `Pick one of the choices: ${choices!.map((c, i) => `${i + 1}. ${c}`).join(", ")}.` };
    if (reply.choice === undefined && !reply.text?.trim()) return { ok: false, reason: "invalid", message: "The answer is empty." };
  }
  if (reply.action === "claim") {
    try {
      await claimCase(deps, principal, caseId);
    } catch (e) {
      return lost(deps.db, accountId, caseId, e);
    }
    await deps.db
      .update(cases)
      .set({ claimedVia: channel })
      .where(and(eq(cases.id, caseId), eq(cases.claimedByMemberId, input.memberId), isNull(cases.claimedVia)));
    return { ok: true, status: "claimed", caseId };
  }
  // postMessage answers an open case or one this member holds, under the row lock, and refuses (409) one that
  // another person holds or that is already answered: the same one-winner rule as a claim, in one transaction
  // (an answer from a phone should not wait for a separate claim first).
  try {
    await postMessage(deps, principal, caseId, answerInput(reply));
  } catch (e) {
    return lost(deps.db, accountId, caseId, e);
  }
  await markAnsweredVia(deps.db, caseId, channel, input.memberId);
  return { ok: true, status: "answered", caseId };
}

/**
 * Which channel answered, for the metrics by channel. A case answered without a claim first (straight from a
 * text) counts as claimed by its answerer when it was answered, through the same channel.
 */
async function markAnsweredVia(db: Db, caseId: string, channel: "slack" | "sms", memberId: string) {
  await db
    .update(cases)
    .set({
      answeredVia: channel,
      claimedVia: sql`case when ${cases.claimedAt} is null then ${channel} else ${cases.claimedVia} end`,
      claimedByMemberId: sql`coalesce(${cases.claimedByMemberId}, ${memberId}::uuid)`,
      claimedAt: sql`coalesce(${cases.claimedAt}, ${cases.answeredAt})`,
    })
    .where(and(eq(cases.id, caseId), eq(cases.answeredByMemberId, memberId), isNull(cases.answeredVia)));
}
