import type { Deps } from "@/lib/platform/deps";
import { AppError, describeIssues } from "@/lib/platform/errors";
import { readBody } from "@/lib/transports/http/read-body";
import { getVapiServerSecret } from "@/lib/domains/vapi/credentials";
import { markVapiCallEnded } from "@/lib/domains/vapi/live-calls";
import { storeVapiCall } from "@/lib/domains/vapi/store-vapi-call";
import { refreshOpenCaseTranscripts } from "@/lib/domains/hitl/refresh-case-transcripts";
import { vapiServerMessage } from "@/lib/adapters/telephony/vapi/call-report";
import { isUuid } from "@/lib/platform/validation/uuid";
import { storableText } from "@/lib/platform/validation/safe-text";
import { verifyVapiRequest } from "@/lib/transports/agent-platforms/vapi/signature";
import { vapiCallOf } from "@/lib/transports/agent-platforms/vapi/call-context";

/** An end-of-call report carries the whole conversation: room for an hour of talk. */
export const VAPI_WEBHOOK_MAX_BYTES = 4 * 1024 * 1024;
const STORED = ["end-of-call-report", "status-update"];

/** Text PostgreSQL can store, however the call's words arrived. */
function scrub(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return storableText(v);
  if (typeof v !== "object" || v === null) return v;
  if (depth > 64) return null;
  if (Array.isArray(v)) return v.map((x) => scrub(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrub(k, depth + 1) as string, scrub(x, depth + 1)]));
}

/** The server URL to give the Vapi assistant (or phone number) for this account's call reports. */
export const vapiWebhookUrl = (baseUrl: string, accountId: string) => `${baseUrl}/api/webhooks/vapi?account=${accountId}`;

/**
 * POST /api/webhooks/vapi?account=<account id>: Vapi's server messages about a call. The body names nothing of
 * ours, so the URL says whose secret to check; the secret (X-Vapi-Secret or the HMAC credential) is the
 * credential, and an account without a stored secret accepts nothing. end-of-call-report and status-update are
 * stored once per call and event beside every other provider's calls (linked to the cases asked during the call);
 * an ended call is no longer spoken into. Other messages are acknowledged and ignored.
 */
export async function handleVapiWebhook(deps: Deps, req: Request): Promise<Record<string, unknown>> {
  const accountId = new URL(req.url).searchParams.get("account") ?? "";
  if (!isUuid(accountId))
    throw new AppError("bad_request", "account: add ?account=<your account id> to the server URL (Admin → Connect Vapi shows it).");
  const raw = await readBody(req, VAPI_WEBHOOK_MAX_BYTES);
  const secret = await getVapiServerSecret(deps.db, accountId);
  if (!secret || !verifyVapiRequest(raw, secret, req.headers))
    throw new AppError(
      "unauthorized",
      "The request does not carry this account's Vapi server secret (X-Vapi-Secret, or X-Signature/X-Timestamp within 5 minutes); store it under Admin → Connect Vapi.",
    );
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The body is not JSON.");
  }
  const type = (json as { message?: { type?: unknown } } | null)?.message?.type;
  if (typeof type !== "string") throw new AppError("bad_request", "message.type: missing — not a Vapi server message.");
  if (type === "tool-calls")
    throw new AppError("bad_request", "message.type: tool-calls go to /api/vapi/tools (the tools' own server URL, with the API key).");
  if (!STORED.includes(type)) return { received: true, ignored: true, type };
  const parsed = vapiServerMessage.safeParse(scrub(json));
  if (!parsed.success) throw new AppError("bad_request", `Not a Vapi call message: ${describeIssues(parsed.error.issues)}`);
  const message = parsed.data.message;
  const callId = message.call.id;
  const status = type === "status-update" ? (message.status ?? "unknown") : "ended";
  const ended = type === "end-of-call-report" || status === "ended";
  if (ended) await markVapiCallEnded(deps, { accountId, callId });
  const result = await storeVapiCall(deps, { accountId, message, eventId: `${callId}:${type}:${status}` });
  if (!result.duplicate) {
    const history = vapiCallOf({ ...(json as { message: Record<string, unknown> }).message, call: { id: callId } })?.history;
    await refreshOpenCaseTranscripts(deps, { accountId, callId, history });
  }
  return { received: true, type, duplicate: result.duplicate, applied: result.applied, callId: result.call.id, status: result.call.status };
}
