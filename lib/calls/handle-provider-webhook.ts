import { applyCallUpdate } from "@/lib/calls/apply-call-update";
import type { CallsDeps } from "@/lib/calls/deps";
import { AppError } from "@/lib/errors";
import { TelephonyError } from "@/lib/telephony/port";

/**
 * A provider's status webhook: the signature is checked over the raw body before anything is read, then
 * the event is applied through applyCallUpdate keyed by the provider's event id — a replayed event is
 * recorded once and changes nothing; a wrongly signed one is refused (401) and changes nothing.
 */
export async function handleProviderWebhook(deps: CallsDeps, args: { provider: string; rawBody: string; headers: Headers }) {
  if (args.provider !== deps.telephony.name) throw new AppError("not_found", `No webhook for provider "${args.provider}" here (the active provider is ${deps.telephony.name}).`);
  let event;
  try {
    event = await deps.telephony.verifyWebhook(args.rawBody, args.headers);
  } catch (e) {
    if (e instanceof TelephonyError && e.opts.status === 401) throw new AppError("unauthorized", "Webhook signature does not verify.");
    if (e instanceof TelephonyError) throw new AppError("bad_request", e.message);
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
