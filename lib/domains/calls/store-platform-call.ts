import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { calls, type CallRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { CallUpdate } from "@/lib/adapters/telephony/port";
import type { AgentPlatformId } from "@/lib/platform/agent-platform-ids";
import { applyLockedUpdates, type ApplyCallUpdateResult } from "@/lib/domains/calls/locked-call-update";
import { logFinal } from "@/lib/domains/calls/apply-call-update";
import { isUuid } from "@/lib/platform/validation/uuid";

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** What an agent platform's call webhook says about a call, in our words (each platform maps its own body). */
export type PlatformCallFacts = {
  providerCallId: string;
  /** Our call id, when we placed the call (the platform echoes the metadata we gave it). */
  ourCallId?: string;
  /** "Inbound call", "Web call", … — the row's task for a call we did not place. */
  kind: string;
  direction?: "inbound" | "outbound";
  fromNumber?: string;
  toNumber?: string;
  agentId?: string;
  recordingUrl?: string;
  analysis?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
};

async function findRow(tx: Db, accountId: string, provider: string, f: PlatformCallFacts): Promise<CallRow | undefined> {
  const where =
    f.ourCallId && isUuid(f.ourCallId)
      ? and(eq(calls.accountId, accountId), eq(calls.provider, provider), eq(calls.id, f.ourCallId))
      : and(eq(calls.accountId, accountId), eq(calls.provider, provider), eq(calls.providerCallId, f.providerCallId));
  const [row] = await tx.select().from(calls).where(where).limit(1).for("update");
  return row;
}

/** A call the platform handled for the account's agent that we did not place (inbound, web, or placed from the platform itself): no credits. */
async function insertRow(tx: Db, accountId: string, provider: AgentPlatformId, f: PlatformCallFacts): Promise<void> {
  const caller = f.direction === "outbound" ? f.toNumber : f.fromNumber;
  const metadata = Object.fromEntries(
    Object.entries(f.metadata ?? {})
      .filter((e): e is [string, string] => typeof e[1] === "string")
      .slice(0, 50),
  );
  await tx
    .insert(calls)
    .values({
      accountId,
      provider,
      providerCallId: f.providerCallId,
      phoneNumber: caller && E164.test(caller) ? caller : null,
      task: f.kind,
      voice: provider,
      model: provider,
      maxDurationMinutes: 60,
      ratePerMinute: 0,
      metadata,
      createdByType: "system",
      createdById: `${provider}-webhook`,
    })
    .onConflictDoNothing();
}

/** The platform's own facts, filled once (numbers, agent) or replaced by a later event (recording link, analysis). */
async function writeExtras(tx: Db, id: string, f: PlatformCallFacts): Promise<void> {
  await tx.execute(sql`update calls set
      direction = coalesce(direction, ${f.direction ?? null}),
      from_number = coalesce(from_number, ${f.fromNumber ?? null}),
      to_number = coalesce(to_number, ${f.toNumber ?? null}),
      agent_id = coalesce(agent_id, ${f.agentId ?? null}),
      recording_url = coalesce(${f.recordingUrl ?? null}, recording_url),
      call_analysis = coalesce(${f.analysis ? JSON.stringify(f.analysis) : null}::jsonb, call_analysis)
    where id = ${id}`);
}

/**
 * Stores one verified call-webhook event of an agent platform for the account: the call's row (created on
 * first sight), its status, times and transcript through the same update path as every provider (credits
 * settle once for a call we placed), the platform's own facts beside. `eventId` makes a replay a no-op.
 */
export async function storePlatformCall(
  deps: Pick<Deps, "db" | "config">,
  a: { accountId: string; provider: AgentPlatformId; facts: PlatformCallFacts; update: CallUpdate; eventId: string; source: string },
): Promise<ApplyCallUpdateResult> {
  const [result] = await deps.db.transaction(async (tx) => {
    let row = await findRow(tx, a.accountId, a.provider, a.facts);
    if (!row) {
      await insertRow(tx, a.accountId, a.provider, a.facts);
      row = await findRow(tx, a.accountId, a.provider, a.facts);
    }
    // The id is held by a call of another account (ids are the platform's, unique across its customers).
    if (!row) throw new AppError("conflict", "This call id is not this account's.");
    const results = await applyLockedUpdates(tx, deps.config.CREDITS_STARTING_BALANCE, [
      { row, update: a.update, eventId: a.eventId, occurredAt: new Date(), source: a.source },
    ]);
    if (results[0]!.applied) {
      await writeExtras(tx, row.id, a.facts);
      const [fresh] = await tx.select().from(calls).where(eq(calls.id, row.id)).limit(1);
      results[0] = { ...results[0]!, call: fresh! };
    }
    return results;
  });
  if (result!.becameFinal) logFinal(result!.call);
  return result!;
}
