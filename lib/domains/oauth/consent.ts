import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { describeIssues } from "@/lib/platform/errors";
import { safeText } from "@/lib/platform/validation/safe-text";
import { oauthError } from "@/lib/domains/oauth/oauth-error";
import { parseAuthorizationRequest, redirectOf } from "@/lib/domains/oauth/authorization-request";
import { approveAuthorization, denyAuthorization } from "@/lib/domains/oauth/codes";

const decisionInput = z.object({
  /** The authorization request's query string, as the consent page received it. */
  request: safeText().max(8000),
  decision: z.enum(["allow", "deny"]),
});

/**
 * The signed-in member's answer on the consent page. The request is checked again from scratch (the page
 * may have been open a while; the client or its metadata may have changed) and the answer is where the
 * browser goes next: the client's redirect URI with a code, or with an error.
 */
export async function decideAuthorization(
  deps: Deps,
  member: Extract<Principal, { kind: "member" }>,
  raw: unknown,
  origin: string,
): Promise<{ redirectTo: string }> {
  const r = decisionInput.safeParse(raw);
  if (!r.success) throw oauthError("invalid_request", describeIssues(r.error.issues));
  try {
    const request = await parseAuthorizationRequest(deps.db, new URLSearchParams(r.data.request.replace(/^\?/, "")), origin);
    if (r.data.decision === "deny") return { redirectTo: denyAuthorization(request) };
    return { redirectTo: (await approveAuthorization(deps.db, request, member)).redirectTo };
  } catch (e) {
    const redirectTo = redirectOf(e);
    if (redirectTo) return { redirectTo };
    throw e;
  }
}
