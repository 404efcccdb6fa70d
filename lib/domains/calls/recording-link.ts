import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import type { Config } from "@/lib/platform/config/env";
import { calls } from "@/lib/adapters/db/schema";
import { readWebhookSecret } from "@/lib/domains/accounts/accounts";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import type { Recording } from "@/lib/adapters/telephony/port";
import { getCallRowOrThrow } from "@/lib/domains/calls/access";
import { assertScope } from "@/lib/domains/auth/permissions";
import { publicBaseUrl } from "@/lib/platform/public-base-url";

/**
 * Recording links are ours (GET /api/calls/{id}/recording?expires=&signature=), signed with HMAC-SHA256 over
 * `${callId}.${expires}`. The key is RECORDING_SIGNING_SECRET when set; otherwise derived from the account's
 * webhook secret, which lives in the database, so every instance verifies what any instance signed (and
 * rotating that secret revokes outstanding links).
 */
export function linkKey(config: Config, webhookSecret: string): string {
  return createHmac("sha256", config.RECORDING_SIGNING_SECRET ?? webhookSecret)
    .update("switchboard recording links v1")
    .digest("hex");
}

export const signRecording = (key: string, callId: string, expires: number) =>
  createHmac("sha256", key).update(`${callId}.${expires}`).digest("hex");

async function keyFor(deps: Deps, accountId: string): Promise<string> {
  return linkKey(deps.config, (await readWebhookSecret(deps.db, accountId)) ?? "");
}

export type RecordingLink = { callId: string; url: string; expiresAt: string; contentType?: string };

/** get_call_recording: a link anyone holding it may fetch until it expires. 404 while there is no recording. */
export async function getRecordingLink(
  deps: Deps,
  principal: Principal,
  callId: string,
  opts: { origin?: string } = {},
): Promise<RecordingLink> {
  assertScope(principal, "calls:read");
  const row = await getCallRowOrThrow(deps.db, principal.accountId, callId);
  if (!row.record) throw new AppError("not_found", "This call was not recorded (record was false).");
  if (!row.recordingAvailable)
    throw new AppError(
      "not_found",
      `The recording is not available yet (call status: ${row.status}). Try again once the call has completed.`,
    );
  const expires = Math.floor(Date.now() / 1000) + deps.config.RECORDING_URL_TTL_SECONDS;
  const signature = signRecording(await keyFor(deps, row.accountId), row.id, expires);
  const url = `${publicBaseUrl(deps.config, opts.origin)}/api/calls/${row.id}/recording?expires=${expires}&signature=${signature}`;
  return { callId: row.id, url, expiresAt: new Date(expires * 1000).toISOString() };
}

/** Serves a signed link: 403 when the signature is wrong or expired (checked before anything else is revealed). */
export async function openRecording(
  deps: Deps,
  callId: string,
  query: { expires?: string | null; signature?: string | null },
): Promise<Recording> {
  const expires = Number(query.expires);
  const given = query.signature ?? "";
  const refuse = () =>
    new AppError("forbidden", "This recording link is invalid or has expired. Ask for a new one with get_call_recording.");
  if (!Number.isInteger(expires) || !/^[0-9a-f]{64}$/.test(given) || !/^[0-9a-f-]{36}$/i.test(callId)) throw refuse();
  const [row] = await deps.db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!row) throw refuse();
  const expected = Buffer.from(signRecording(await keyFor(deps, row.accountId), row.id, expires), "hex");
  if (!timingSafeEqual(expected, Buffer.from(given, "hex")) || expires < Date.now() / 1000) throw refuse();
  if (!row.providerCallId) throw new AppError("not_found", "This call has no recording.");
  const recording = await deps.telephony.getRecording(row.providerCallId);
  if (!recording) throw new AppError("not_found", "The provider has no recording for this call (yet).");
  return recording;
}
