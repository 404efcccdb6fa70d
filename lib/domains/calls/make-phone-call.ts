import { and, eq, isNull } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { Db } from "@/lib/adapters/db/client";
import { callEvents, calls, type CallRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { isTelephonyError } from "@/lib/adapters/telephony/port";
import { assertScope } from "@/lib/domains/auth/permissions";
import { holdCredits, lockCredits, type Actor } from "@/lib/domains/credits/ledger";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { toPublicCall } from "@/lib/domains/calls/call-view";
import { publicBaseUrl } from "@/lib/platform/public-base-url";
import { withAccountTelephony } from "@/lib/domains/calls/account-telephony";
import { effectivePreferences } from "@/lib/domains/calls/preferences";
import { makeCallSchema, type MakeCallInput, type PublicCall } from "@/lib/domains/calls/schemas";
import { log } from "@/lib/platform/log";
import { enqueueSheetEvents } from "@/lib/domains/sheets/enqueue";
import { parseOrThrow } from "@/lib/platform/validation/parse";

type Reservation = {
  accountId: string;
  actor: Actor;
  input: MakeCallInput;
  provider: string;
  caseId?: string;
  /** Runs in the reserving transaction (the follow-up outbox links its call atomically). */
  onReserved?: (tx: Db, row: CallRow) => Promise<void>;
};

/**
 * Step 1 of placing a call, in one transaction: lock the account's credits, write the call (queued, no
 * provider id yet) and hold its maximum cost. Refused with nothing written when credits are short.
 */
export async function reserveCall(deps: Deps, r: Reservation): Promise<CallRow> {
  const prefs = await effectivePreferences(deps.db, deps, r.accountId);
  const maxDurationMinutes = r.input.maxDurationMinutes ?? prefs.maxDurationMinutes;
  const limit = deps.config.CALL_MAX_DURATION_LIMIT_MINUTES;
  if (maxDurationMinutes > limit) throw new AppError("validation_failed", `maxDurationMinutes: must be at most ${limit}`);
  const rate = deps.config.CALL_RATE_PER_MINUTE;
  return deps.db.transaction(async (tx) => {
    const credits = await lockCredits(tx, r.accountId, deps.config.CREDITS_STARTING_BALANCE);
    const hold = maxDurationMinutes * rate;
    if (hold > credits.available) {
      throw new AppError(
        "conflict",
        `Insufficient credits: a call of up to ${maxDurationMinutes} min reserves ${hold} credits (${rate} per minute) and ${credits.available} are available. Add credits or lower maxDurationMinutes.`,
        {
          required: hold,
          available: credits.available,
        },
      );
    }
    const [row] = await tx
      .insert(calls)
      .values({
        accountId: r.accountId,
        provider: r.provider,
        phoneNumber: r.input.phoneNumber,
        task: r.input.task,
        firstSentence: r.input.firstSentence ?? prefs.firstSentence,
        voice: r.input.voice ?? prefs.voice,
        model: r.input.model ?? prefs.model,
        language: r.input.language ?? prefs.language,
        maxDurationMinutes,
        record: r.input.record ?? prefs.record,
        holdAmount: hold,
        ratePerMinute: rate,
        caseId: r.caseId ?? null,
        metadata: r.input.metadata ?? {},
        createdByType: r.actor.actorType,
        createdById: r.actor.actorId,
      })
      .returning();
    await holdCredits(tx, credits, { accountId: r.accountId, callId: row!.id, amount: hold, actor: r.actor });
    await tx.insert(callEvents).values({
      callId: row!.id,
      accountId: r.accountId,
      provider: r.provider,
      kind: "created",
      status: "queued",
      data: { hold, ratePerMinute: rate },
    });
    await enqueueSheetEvents(tx, [
      { entityType: "call", entityId: row!.id, accountId: r.accountId, event: "queued", occurredAt: row!.createdAt },
    ]);
    await r.onReserved?.(tx, row!);
    return row!;
  });
}

/**
 * Step 2: hand the reserved call to the provider. If the provider refuses or cannot be reached, the call
 * becomes `failed` and its hold is released (through applyCallUpdate, so exactly once) before the error is thrown.
 */
export async function placeReservedCall(deps: Deps, row: CallRow, baseUrl: string): Promise<CallRow> {
  try {
    const placed = await deps.telephony.placeCall({
      callId: row.id,
      phoneNumber: row.phoneNumber!, // set for every call we place
      task: row.task,
      firstSentence: row.firstSentence ?? undefined,
      voice: row.voice,
      model: row.model,
      language: row.language ?? undefined,
      maxDurationMinutes: row.maxDurationMinutes,
      record: row.record,
      webhookUrl: `${baseUrl}/api/webhooks/${deps.telephony.name}`,
      metadata: { ...row.metadata, switchboard_call_id: row.id },
    });
    // A fast provider's webhook may have already recorded the id; only fill it if it is still missing.
    await deps.db
      .update(calls)
      .set({ providerCallId: placed.providerCallId, updatedAt: new Date() })
      .where(and(eq(calls.id, row.id), isNull(calls.providerCallId)));
    const { call } = await applyCallUpdate(deps, {
      callId: row.id,
      update: { status: placed.status, providerCallId: placed.providerCallId },
      source: "placed",
    });
    // Canceled while we were placing it: the provider must not let it ring.
    if (call.status === "canceled")
      await deps.telephony
        .stopCall(placed.providerCallId)
        .catch((e) => log.warn({ callId: row.id, err: String(e) }, "stop after cancel failed"));
    return call;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    log.warn({ callId: row.id, accountId: row.accountId, err: reason }, "placing call failed");
    await applyCallUpdate(deps, {
      callId: row.id,
      update: { status: "failed", endReason: `not placed: ${reason}`.slice(0, 500) },
      source: "place_failed",
    }).catch((err) => log.error({ callId: row.id, err: String(err) }, "could not release the hold of an unplaced call"));
    if (isTelephonyError(e) && e.opts.status && e.opts.status >= 400 && e.opts.status < 500 && e.opts.status !== 429) {
      throw new AppError("bad_request", `The phone provider refused the call: ${reason}`);
    }
    throw new AppError(
      "unavailable",
      "The phone provider could not be reached; the call was not placed and no credits were used. Try again shortly.",
    );
  }
}

/** make_phone_call / POST /api/calls: validate, fill unset options from preferences, hold credits, place. */
export async function makePhoneCall(deps: Deps, principal: Principal, raw: unknown, opts: { origin?: string } = {}): Promise<PublicCall> {
  assertScope(principal, "calls:write");
  const parsed = parseOrThrow(makeCallSchema, raw);
  const d = await withAccountTelephony(deps, principal.accountId);
  const row = await reserveCall(d, {
    accountId: principal.accountId,
    actor: actorOf(principal),
    input: parsed,
    provider: d.telephony.name,
  });
  return toPublicCall(await placeReservedCall(d, row, publicBaseUrl(deps.config, opts.origin)));
}
