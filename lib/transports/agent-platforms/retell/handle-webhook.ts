import { createHash } from "node:crypto";
import type { Deps } from "@/lib/platform/deps";
import { AppError, describeIssues } from "@/lib/platform/errors";
import { readBody } from "@/lib/transports/http/read-body";
import { getRetellApiKey } from "@/lib/domains/retell/credentials";
import { refreshOpenCaseTranscripts } from "@/lib/domains/hitl/refresh-case-transcripts";
import { verifyRetellSignature } from "@/lib/transports/agent-platforms/retell/signature";
import { historyFromCall, retellCallSchema } from "@/lib/transports/agent-platforms/retell/call-context";
import { storeRetellCall } from "@/lib/domains/retell/store-retell-call";
import { retellWebhookBody, STORED_EVENTS, type RetellEventName } from "@/lib/adapters/telephony/retell/webhook-event";
import { isUuid } from "@/lib/platform/validation/uuid";
import { storableText } from "@/lib/platform/validation/safe-text";

/** A long call's call_ended carries the whole transcript with word timings: room for an hour of talk. */
export const RETELL_WEBHOOK_MAX_BYTES = 4 * 1024 * 1024;
/** Text PostgreSQL can store, however the call's words arrived: NUL and lone surrogates become U+FFFD, everywhere. */
function scrub(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return storableText(v);
  if (typeof v !== "object" || v === null) return v;
  if (depth > 64) return null; // deeper than any Retell field: dropped rather than stored unchecked
  if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k, depth + 1) as string, scrub(x, depth + 1)]));
}

/** The URL to give Retell (agent-level or account-level webhook) for this account. */
export const retellWebhookUrl = (baseUrl: string, accountId: string) => `${baseUrl}/api/webhooks/retell?account=${accountId}`;

/**
 * POST /api/webhooks/retell?account=<account id>. Retell signs with the customer's own Retell API key and its
 * body names nothing of ours, so the URL says whose key to check; the id is a lookup, not a credential —
 * the signature is. Order: account id (400) → signature header (401) → raw body (413 past 4 MiB) → signature
 * over those bytes with that account's stored key (401; an account without a stored key accepts nothing)
 * → JSON and shape (400) → stored idempotently per call and event.
 */
export async function handleRetellWebhook(deps: Deps, req: Request) {
  const accountId = new URL(req.url).searchParams.get("account") ?? "";
  if (!isUuid(accountId))
    throw new AppError("bad_request", "account: add ?account=<your account id> to the webhook URL (Admin → Connect Retell shows it).");
  const header = req.headers.get("x-retell-signature");
  if (!header) throw new AppError("unauthorized", "X-Retell-Signature header missing.");
  const raw = await readBody(req, RETELL_WEBHOOK_MAX_BYTES);
  const key = await getRetellApiKey(deps.db, accountId);
  if (!key || !verifyRetellSignature(raw, key, header)) {
    throw new AppError(
      "unauthorized",
      "X-Retell-Signature does not verify with this account's Retell API key (stored under Admin → Connect Retell), or is over 5 minutes old.",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The body is not JSON.");
  }
  const parsed = retellWebhookBody.safeParse(scrub(json));
  if (!parsed.success) throw new AppError("bad_request", `Not a Retell call webhook: ${describeIssues(parsed.error.issues)}`);
  const { event, call } = parsed.data;
  if (!(STORED_EVENTS as readonly string[]).includes(event)) return { received: true, ignored: true, event };
  // One stored event per call and event name; transcript_updated fires many times, so its body tells them apart.
  const eventId =
    event === "transcript_updated"
      ? `${call.call_id}:${event}:${createHash("sha256").update(raw).digest("hex").slice(0, 32)}`
      : `${call.call_id}:${event}`;
  const result = await storeRetellCall(deps, { accountId, event: event as RetellEventName, call, eventId });
  if (!result.duplicate) {
    const parsed = retellCallSchema.safeParse(call);
    const history = parsed.success ? historyFromCall(parsed.data) : undefined;
    await refreshOpenCaseTranscripts(deps, { accountId, callId: call.call_id, history });
  }
  return {
    received: true,
    event,
    duplicate: result.duplicate,
    applied: result.applied,
    callId: result.call.id,
    status: result.call.status,
  };
}
