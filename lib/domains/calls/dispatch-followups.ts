import type { Deps } from "@/lib/platform/deps";
import { eq } from "drizzle-orm";
import { leaseDueRows } from "@/lib/adapters/db/lease-due-rows";
import { calls, cases, deadLetters, phoneFollowups } from "@/lib/adapters/db/schema";
import { isAppError } from "@/lib/platform/errors";
import { SYSTEM } from "@/lib/domains/credits/ledger";
import { publicBaseUrl } from "@/lib/platform/public-base-url";
import { placeReservedCall, reserveCall } from "@/lib/domains/calls/make-phone-call";
import { withAccountTelephony } from "@/lib/domains/calls/account-telephony";
import { followUpScript } from "@/lib/domains/hitl/phone-followups";
import { log } from "@/lib/platform/log";
import { backoffPolicy, retryDelayMs } from "@/lib/platform/resilience/backoff";
import { isAgentPlatform } from "@/lib/platform/agent-platform-ids";

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;
type Followup = typeof phoneFollowups.$inferSelect;

/** Places due late-answer callback calls (leased, so two instances never place the same one). */
export async function dispatchPhoneFollowups(deps: Deps, limit = 10): Promise<number> {
  const due = await leaseDueRows(deps.db, phoneFollowups, { limit, leaseMs: LEASE_MS, countAttempt: true, set: { updatedAt: new Date() } });
  for (const f of due) await placeFollowup(deps, f);
  return due.length;
}

async function placeFollowup(process: Deps, f: Followup): Promise<void> {
  // The callback goes out the way the account's calls do: through its own agent platform (Retell, …) when it chose that.
  const deps = await withAccountTelephony(process, f.accountId).catch(() => process);
  try {
    // A call reserved by an earlier attempt that died before placing it is placed now, not reserved twice.
    const [existing] = f.callId ? await deps.db.select().from(calls).where(eq(calls.id, f.callId)).limit(1) : [];
    const reusable = existing && !existing.providerCallId && existing.status === "queued";
    if (existing?.providerCallId) return finish(deps, f, { status: "placed" });
    const [row] = await deps.db.select().from(cases).where(eq(cases.id, f.caseId)).limit(1);
    if (!row) return finish(deps, f, { status: "failed", error: "case deleted" });
    // Defence in depth: a case refused a callback at creation never gets one, whatever enqueued it.
    if (row.followUpRefused) return finish(deps, f, { status: "failed", error: row.followUpRefused });
    const script = followUpScript(row);
    const call = reusable
      ? existing
      : await reserveCall(deps, {
          accountId: f.accountId,
          actor: SYSTEM,
          provider: deps.telephony.name,
          caseId: f.caseId,
          input: {
            phoneNumber: f.phoneNumber,
            task: script.task,
            // An agent platform's agent speaks the first sentence verbatim: the answer at once.
            firstSentence: isAgentPlatform(deps.telephony.name) ? script.opening : script.firstSentence,
            metadata: { purpose: "late_answer_callback", case_id: f.caseId },
          },
          onReserved: async (tx, c) => {
            await tx.update(phoneFollowups).set({ callId: c.id }).where(eq(phoneFollowups.id, f.id));
            await tx
              .update(cases)
              .set({ followUpCallId: c.id, lateAnswerDelivery: "callback", lateAnswerDeliveredAt: new Date() })
              .where(eq(cases.id, f.caseId));
          },
        });
    await placeReservedCall(deps, call, publicBaseUrl(deps.config));
    await finish(deps, f, { status: "placed" });
    log.info({ caseId: f.caseId, callId: call.id, accountId: f.accountId }, "late answer callback placed");
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    // Insufficient credits or a refused number will not fix themselves; a provider outage may.
    const permanent = isAppError(e) && ["conflict", "bad_request", "validation_failed"].includes(e.code);
    const exhausted = permanent || f.attempts >= MAX_ATTEMPTS;
    log.warn({ caseId: f.caseId, attempt: f.attempts, error, exhausted }, "late answer callback not placed");
    await finish(
      deps,
      f,
      exhausted
        ? { status: "failed", error }
        : { status: "pending", error, retryInMs: retryDelayMs(f.attempts, backoffPolicy(deps.config, "phone_followups")) },
    );
  }
}

async function finish(
  deps: Deps,
  f: Followup,
  r: { status: "placed" | "failed" | "pending"; error?: string; retryInMs?: number },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx
      .update(phoneFollowups)
      .set({
        status: r.status,
        lastError: r.error ?? null,
        lockedUntil: null,
        updatedAt: new Date(),
        nextAttemptAt: new Date(Date.now() + (r.retryInMs ?? 0)),
      })
      .where(eq(phoneFollowups.id, f.id));
    if (r.status === "failed") {
      await tx
        .insert(deadLetters)
        .values({
          kind: "phone_followup",
          ref: f.id,
          accountId: f.accountId,
          payload: { caseId: f.caseId, phoneNumber: f.phoneNumber },
          attempts: f.attempts,
          lastError: r.error ?? null,
        })
        .onConflictDoNothing();
    }
  });
}
