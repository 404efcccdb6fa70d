import { and, eq, isNull } from "drizzle-orm";
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
  try {
    await claimCase(deps, principal, caseId);
  } catch (e) {
    return lost(deps.db, accountId, caseId, e);
  }
  await markVia(deps.db, caseId, "claimedVia", channel, input.memberId);
  if (reply.action === "claim") return { ok: true, status: "claimed", caseId };
  try {
    await postMessage(deps, principal, caseId, answerInput(reply));
  } catch (e) {
    return lost(deps.db, accountId, caseId, e);
  }
  await markVia(deps.db, caseId, "answeredVia", channel, input.memberId);
  return { ok: true, status: "answered", caseId };
}

/** Which channel claimed / answered, for the metrics by channel: set once, by the member who did it. */
async function markVia(db: Db, caseId: string, field: "claimedVia" | "answeredVia", channel: "slack" | "sms", memberId: string) {
  const by = field === "claimedVia" ? cases.claimedByMemberId : cases.answeredByMemberId;
  await db
    .update(cases)
    .set({ [field]: channel })
    .where(and(eq(cases.id, caseId), eq(by, memberId), isNull(cases[field])));
}
