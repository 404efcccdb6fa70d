import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { getCallRowOrThrow } from "@/lib/domains/calls/access";
import { assertScope } from "@/lib/domains/auth/permissions";
import { toCallDetails, toPublicCall } from "@/lib/domains/calls/call-view";
import type { PublicCall, PublicCallDetails } from "@/lib/domains/calls/schemas";
import { callEvents, type CallEventRow } from "@/lib/adapters/db/schema";
import { and, asc, eq } from "drizzle-orm";
import type { CallRow } from "@/lib/adapters/db/schema";
import { isFinalCallStatus } from "@/lib/adapters/telephony/port";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { telephonyForCall } from "@/lib/domains/calls/account-telephony";
import { log } from "@/lib/platform/log";

const STALE_MS = 2000;

/**
 * A read of a call that is not final and has not heard from the provider for a moment asks the provider
 * — every entry alike (tools, REST, the admin page): a lost webhook never leaves anyone polling a stale status.
 */
async function fresh(deps: Deps, row: CallRow): Promise<CallRow> {
  if (!row.providerCallId || isFinalCallStatus(row.status) || Date.now() - row.updatedAt.getTime() < STALE_MS) return row;
  try {
    // The call's own provider (a Retell call of an account that places calls through Retell), never another's.
    const telephony = await telephonyForCall(deps, row);
    if (!telephony) return row;
    const update = await telephony.getCall(row.providerCallId);
    return (await applyCallUpdate(deps, { callId: row.id, update, source: "sync" })).call;
  } catch (e) {
    log.warn({ callId: row.id, err: String(e) }, "on-read provider refresh failed");
    return row;
  }
}

/** get_call_status: the call without its transcript. */
export async function getCall(deps: Deps, principal: Principal, callId: string): Promise<PublicCall> {
  assertScope(principal, "calls:read");
  return toPublicCall(await fresh(deps, await getCallRowOrThrow(deps.db, principal.accountId, callId)));
}

/** get_call_details / GET /api/calls/{id}: status, timings, duration, cost, summary and transcript. */
export async function getCallDetails(deps: Deps, principal: Principal, callId: string): Promise<PublicCallDetails> {
  assertScope(principal, "calls:read");
  return toCallDetails(await fresh(deps, await getCallRowOrThrow(deps.db, principal.accountId, callId)));
}

export type TranscriptView = {
  callId: string;
  status: PublicCall["status"];
  transcript: PublicCallDetails["transcript"];
  text: string;
  summary: string | null;
};

/** get_call_transcript: the turns, plus a plain-text rendering an agent can read in one go. */
export async function getTranscript(deps: Deps, principal: Principal, callId: string): Promise<TranscriptView> {
  assertScope(principal, "calls:read");
  const row = await fresh(deps, await getCallRowOrThrow(deps.db, principal.accountId, callId));
  const transcript = row.transcript ?? [];
  return {
    callId: row.id,
    status: row.status,
    transcript,
    text: transcript.map((t) => `${t.speaker === "agent" ? "Agent" : "Caller"}: ${t.text}`).join("\n"),
    summary: row.summary,
  };
}

/** The call's timeline (admin pages): creation, placement, provider events, settlement. */
export async function getCallEvents(deps: Deps, principal: Principal, callId: string): Promise<CallEventRow[]> {
  assertScope(principal, "calls:read");
  await getCallRowOrThrow(deps.db, principal.accountId, callId);
  return deps.db
    .select()
    .from(callEvents)
    .where(and(eq(callEvents.accountId, principal.accountId), eq(callEvents.callId, callId)))
    .orderBy(asc(callEvents.id));
}
