import { and, eq, isNull } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { Db } from "@/lib/adapters/db/client";
import { cases, phoneFollowups, type CaseRow } from "@/lib/adapters/db/schema";
import { callerPhone } from "@/lib/domains/hitl/caller-phone";

export { callerPhone };

/**
 * Late human answer → callback phone call: the caller hung up before a person answered. The case asked for it (`followUp: "phone"` with
 * callerInfo.phone); the answering transaction writes an outbox row when the agent had stopped waiting;
 * the calls domain's dispatchPhoneFollowups places the call — right after the commit (deps.kick) and on every
 * maintenance pass. hitl only enqueues: it never imports the calls domain.
 */

/** ask_human returned without an answer (pending / unavailable / client gone): the agent is no longer waiting. */
export async function markAgentReleased(deps: Deps, caseId: string): Promise<void> {
  await deps.db
    .update(cases)
    .set({ agentReleasedAt: new Date() })
    .where(and(eq(cases.id, caseId), isNull(cases.agentReleasedAt)));
}

/** Whether an answer committed at `at` arrives after the agent stopped waiting. */
export const agentStoppedWaiting = (row: CaseRow, at: Date) => row.agentReleasedAt !== null || at.getTime() >= row.waitDeadlineAt.getTime();

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the agent on the callback says: the question, then the answer, verbatim. */
export function followUpScript(row: CaseRow): { task: string; firstSentence: string; opening: string } {
  const name = typeof row.callerInfo?.name === "string" ? clip(row.callerInfo.name, 80) : null;
  return {
    // For an agent that speaks a given first sentence verbatim (the account's Retell agent): the answer at once.
    opening: clip(
      `Hello${name ? ` ${name}` : ""}, earlier you asked: "${clip(row.question, 300)}". The answer is: ${clip(row.answer ?? "", 1200)}`,
      1600,
    ),
    firstSentence: `Hello${name ? ` ${name}` : ""}, I'm calling back with the answer to the question you asked us earlier.`,
    task: clip(
      `You are calling ${name ?? "a caller"} back on behalf of the team they spoke to earlier. ` +
        `They asked: "${clip(row.question, 1500)}". A colleague has answered: "${clip(row.answer ?? "", 5000)}". ` +
        `Tell them the answer clearly, in your own words but without changing its meaning. If they ask something the answer does not cover, ` +
        `say someone will follow up. Then thank them and end the call.`,
      8000,
    ),
  };
}

/** Inside the answering transaction: enqueue the callback when the case wants one and nobody is waiting. */
export async function enqueuePhoneFollowup(tx: Db, answered: CaseRow, at: Date): Promise<boolean> {
  if (answered.followUp !== "phone" || answered.followUpRefused || !agentStoppedWaiting(answered, at)) return false;
  const phone = callerPhone(answered.callerInfo);
  if (!phone) return false;
  const { task } = followUpScript(answered);
  const rows = await tx
    .insert(phoneFollowups)
    .values({ accountId: answered.accountId, caseId: answered.id, phoneNumber: phone, message: task })
    .onConflictDoNothing({ target: phoneFollowups.caseId })
    .returning({ id: phoneFollowups.id });
  return rows.length > 0;
}
