import { and, eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { Db } from "@/lib/adapters/db/client";
import { calls, type CallRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { applyLockedUpdates, type ApplyCallUpdateResult, type CallUpdate } from "@/lib/domains/calls/locked-call-update";
import { log } from "@/lib/platform/log";
import { isUuid } from "@/lib/platform/validation/uuid";

export { mergeUpdate, type ApplyCallUpdateResult, type CallUpdate } from "@/lib/domains/calls/locked-call-update";

export type ApplyCallUpdateArgs = {
  /** Our call id (providers echo it in metadata), or the provider's id with the provider's name. */
  callId?: string;
  providerCallId?: string;
  provider?: string;
  update: CallUpdate;
  /** The provider's event id: a second update with the same id changes nothing. */
  eventId?: string;
  occurredAt?: Date;
  /** Where the update came from, for the timeline (webhook, sync, cancel, place…). */
  source?: string;
  /** Skip the update unless the locked row passes this check (see LockedUpdate.onlyIf). */
  onlyIf?: (row: CallRow) => boolean;
};

async function findForUpdate(tx: Db, a: ApplyCallUpdateArgs): Promise<CallRow | undefined> {
  const where = a.callId
    ? eq(calls.id, a.callId)
    : a.provider
      ? and(eq(calls.provider, a.provider), eq(calls.providerCallId, a.providerCallId!))
      : eq(calls.providerCallId, a.providerCallId!);
  if (a.callId && !isUuid(a.callId)) return undefined;
  const [row] = await tx.select().from(calls).where(where).limit(1).for("update");
  return row;
}

/**
 * Applies a provider's news about a call, idempotently: a replayed event (same eventId) or an update about
 * an earlier state changes nothing; reaching a final status settles credits exactly once — `completed`
 * charges billed minutes × the call's rate and releases the rest of the hold; any other final status
 * releases the hold. Not tenant-scoped: callers are provider-facing (webhooks, sync) and already verified.
 */
export async function applyCallUpdate(deps: Deps, a: ApplyCallUpdateArgs): Promise<ApplyCallUpdateResult> {
  const [result] = await deps.db.transaction(async (tx) => {
    const row = await findForUpdate(tx, a);
    if (!row) throw new AppError("not_found", `Call ${a.callId ?? a.providerCallId} not found.`);
    return applyLockedUpdates(tx, deps.config.CREDITS_STARTING_BALANCE, [
      { row, update: a.update, eventId: a.eventId, occurredAt: a.occurredAt, source: a.source, onlyIf: a.onlyIf },
    ]);
  });
  if (result!.becameFinal) logFinal(result!.call);
  return result!;
}

export const logFinal = (c: CallRow) => log.info({ callId: c.id, accountId: c.accountId, status: c.status, cost: c.cost }, "call final");
