import type { Deps } from "@/lib/platform/deps";
import { applyCallUpdate } from "@/lib/domains/calls/apply-call-update";
import { AppError } from "@/lib/platform/errors";
import { SIGNATURE_HEADER } from "@/lib/adapters/telephony/signature";
import { isTelephonyError, type ProviderEvent } from "@/lib/adapters/telephony/port";

/** Provider status events are small (Bland's largest, with a long transcript, is tens of KB). */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;

/**
 * A provider's status webhook. Before any of the body is read: an unknown provider is 404 and a missing
 * signature 401; the body is then read through the streaming reader (413 past 1 MiB), the signature checked
 * over the raw bytes (401), the JSON and its shape (400). The event is applied through applyCallUpdate
 * keyed by the provider's event id — a replayed event is recorded once and changes nothing.
 * `readBody` is the route's bounded reader (WEBHOOK_MAX_BYTES), called only once the cheap checks pass.
 */
export async function handleProviderWebhook(deps: Deps, args: { provider: string; headers: Headers; readBody: () => Promise<string> }) {
  if (args.provider !== deps.telephony.name)
    throw new AppError("not_found", `No webhook for provider "${args.provider}" here (the active provider is ${deps.telephony.name}).`);
  if (!args.headers.get(SIGNATURE_HEADER)) throw new AppError("unauthorized", `Webhook signature missing (${SIGNATURE_HEADER} header).`);
  const rawBody = await args.readBody();
  let event: ProviderEvent;
  try {
    event = await deps.telephony.verifyWebhook(rawBody, args.headers);
  } catch (e) {
    if (isTelephonyError(e) && e.opts.status === 401) throw new AppError("unauthorized", "Webhook signature does not verify.");
    if (isTelephonyError(e)) throw new AppError("bad_request", e.message);
    throw e;
  }
  const { call, duplicate, applied } = await applyCallUpdate(deps, {
    callId: event.callId,
    providerCallId: event.providerCallId,
    provider: deps.telephony.name,
    update: { ...event.call, status: event.status, providerCallId: event.providerCallId },
    eventId: event.eventId,
    occurredAt: event.at,
    source: "webhook",
  });
  return { received: true, duplicate, applied, callId: call.id, status: call.status };
}
