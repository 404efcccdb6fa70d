import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { calls, type CallRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { applyLockedUpdates, type ApplyCallUpdateResult } from "@/lib/domains/calls/locked-call-update";
import { logFinal } from "@/lib/domains/calls/apply-call-update";
import { SWITCHBOARD_CALL_ID_KEY } from "@/lib/adapters/telephony/retell";
import { updateOf, type RetellEventName, type RetellWebhookCall } from "@/lib/adapters/telephony/retell/webhook-event";
import { isUuid } from "@/lib/platform/validation/uuid";

export const RETELL_PROVIDER = "retell";

const E164 = /^\+[1-9][0-9]{6,14}$/;

async function findRow(tx: Db, accountId: string, call: RetellWebhookCall): Promise<CallRow | undefined> {
  const ours = call.metadata?.[SWITCHBOARD_CALL_ID_KEY];
  const where =
    typeof ours === "string" && isUuid(ours)
      ? and(eq(calls.accountId, accountId), eq(calls.provider, RETELL_PROVIDER), eq(calls.id, ours))
      : and(eq(calls.accountId, accountId), eq(calls.provider, RETELL_PROVIDER), eq(calls.providerCallId, call.call_id));
  const [row] = await tx.select().from(calls).where(where).limit(1).for("update");
  return row;
}

/** A call Retell handled for the account's agent that we did not place (inbound, web, or placed from Retell itself): no credits. */
async function insertRow(tx: Db, accountId: string, call: RetellWebhookCall): Promise<void> {
  const caller = call.direction === "outbound" ? call.to_number : call.from_number;
  const kind = call.call_type === "web_call" ? "Web call" : call.direction === "outbound" ? "Outbound call" : "Inbound call";
  const metadata = Object.fromEntries(
    Object.entries(call.metadata ?? {})
      .filter((e): e is [string, string] => typeof e[1] === "string")
      .slice(0, 50),
  );
  await tx
    .insert(calls)
    .values({
      accountId,
      provider: RETELL_PROVIDER,
      providerCallId: call.call_id,
      phoneNumber: caller && E164.test(caller) ? caller : null,
      task: `${kind} handled by Retell agent ${call.agent_id ?? "(unknown)"}`,
      voice: "retell",
      model: "retell",
      maxDurationMinutes: 60,
      ratePerMinute: 0,
      metadata,
      createdByType: "system",
      createdById: "retell-webhook",
    })
    .onConflictDoNothing();
}

/** Retell-only facts, filled once (numbers, agent) or replaced by a later event (recording link, analysis). */
async function writeExtras(tx: Db, id: string, call: RetellWebhookCall): Promise<void> {
  await tx.execute(sql`update calls set
      direction = coalesce(direction, ${call.direction ?? null}),
      from_number = coalesce(from_number, ${call.from_number ?? null}),
      to_number = coalesce(to_number, ${call.to_number ?? null}),
      agent_id = coalesce(agent_id, ${call.agent_id ?? null}),
      recording_url = coalesce(${call.recording_url ?? null}, recording_url),
      call_analysis = coalesce(${call.call_analysis ? JSON.stringify(call.call_analysis) : null}::jsonb, call_analysis)
    where id = ${id}`);
}

/**
 * Stores one verified Retell webhook event for the account: the call's row (created on first sight), its
 * status, times and transcript through the same update path as every provider (credits settle once for a
 * call we placed), Retell's own fields beside. `eventId` makes a replay a no-op.
 */
export async function storeRetellCall(
  deps: Pick<Deps, "db" | "config">,
  a: { accountId: string; event: RetellEventName; call: RetellWebhookCall; eventId: string },
): Promise<ApplyCallUpdateResult> {
  const [result] = await deps.db.transaction(async (tx) => {
    let row = await findRow(tx, a.accountId, a.call);
    if (!row) {
      await insertRow(tx, a.accountId, a.call);
      row = await findRow(tx, a.accountId, a.call);
    }
    // The id is held by a call of another account (ids are Retell's, unique across its customers).
    if (!row) throw new AppError("conflict", "This call id is not this account's.");
    const results = await applyLockedUpdates(tx, deps.config.CREDITS_STARTING_BALANCE, [
      { row, update: updateOf(a.event, a.call), eventId: a.eventId, occurredAt: new Date(), source: a.event },
    ]);
    if (results[0]!.applied) {
      await writeExtras(tx, row.id, a.call);
      const [fresh] = await tx.select().from(calls).where(eq(calls.id, row.id)).limit(1);
      results[0] = { ...results[0]!, call: fresh! };
    }
    return results;
  });
  if (result!.becameFinal) logFinal(result!.call);
  return result!;
}
