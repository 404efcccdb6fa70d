import { and, asc, eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { cases } from "@/lib/adapters/db/schema";
import { holderNames, toPublicCase } from "@/lib/domains/hitl/case-view";
import type { PublicCallDetails } from "@/lib/domains/calls/schemas";

/** A question the agent escalated during the call, placed on the call's clock. */
export type CallEscalation = {
  caseId: string;
  question: string;
  status: string;
  answer: string | null;
  /** The answers the agent offered (null when it offered none) and the one picked, if the answer was a choice. */
  choices: string[] | null;
  choice: string | null;
  answeredBy: string | null;
  /** Seconds into the call when the agent asked (null when the call's start is unknown). */
  atSeconds: number | null;
  /** How long the caller waited: until the answer, or until the agent went on without one. */
  waitSeconds: number | null;
  waitOutcome: string | null;
  createdAt: string;
};

const secs = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 100) / 10);

/**
 * The cases escalated during this call — the other side of the link PublicCase.linkedCallId shows:
 * (account, cases.call_id = the provider's call id), in the order they were asked.
 */
export async function getCallEscalations(
  deps: Pick<Deps, "db">,
  principal: Principal,
  call: Pick<PublicCallDetails, "providerCallId" | "startedAt">,
): Promise<CallEscalation[]> {
  assertScope(principal, "calls:read");
  if (!call.providerCallId) return [];
  const rows = await deps.db
    .select()
    .from(cases)
    .where(and(eq(cases.accountId, principal.accountId), eq(cases.callId, call.providerCallId)))
    .orderBy(asc(cases.createdAt));
  const names = await holderNames(deps.db, rows);
  const start = call.startedAt ? new Date(call.startedAt) : null;
  return rows.map((r) => {
    const view = toPublicCase(r, names);
    // The caller stopped waiting at the answer, or when the agent was released (pending/unavailable) or the case closed.
    const waitEnd =
      r.answeredAt && (!r.agentReleasedAt || r.answeredAt <= r.agentReleasedAt) ? r.answeredAt : (r.agentReleasedAt ?? r.closedAt);
    return {
      caseId: r.id,
      question: r.question,
      status: r.status,
      answer: r.answer,
      choices: view.choices,
      choice: view.choice,
      answeredBy: view.answeredBy?.name ?? null,
      atSeconds: start ? secs(start, r.createdAt) : null,
      waitSeconds: waitEnd ? secs(r.createdAt, waitEnd) : null,
      waitOutcome: r.waitOutcome ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}
