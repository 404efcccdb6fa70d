import { isAppError } from "@/lib/platform/errors";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { readCookie } from "@/lib/transports/http/authenticate";
import { withRoute } from "@/lib/transports/http/with-route";
import { SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import { beginLoginAttempt } from "@/lib/domains/auth/login-throttle";
import { clientAddress } from "@/lib/transports/http/client-address";
import { changeOwnPassword, changePasswordInput, WRONG_CURRENT_PASSWORD } from "@/lib/domains/members/change-password";

export const dynamic = "force-dynamic";

// POST /api/auth/password {currentPassword, newPassword} — a signed-in member changes their own password;
// their other sessions end. A member's session only: an API key has no password to change.
export const POST = withRoute(
  async ({ req, deps, principal: member }) => {
    // Parsed here, before the throttle counts an attempt: a malformed body is not a password guess.
    const input = parseOrThrow(changePasswordInput, await readJson(req));
    // The current password is guessable through here too: the same throttle as sign-in.
    const attempt = await beginLoginAttempt(deps.kv, { email: member.email, client: clientAddress(req.headers, deps.config) });
    const sessionToken = readCookie(req, SESSION_COOKIE)!; // the session withRoute just resolved
    const result = await changeOwnPassword(deps.db, { memberId: member.memberId, sessionToken, ...input }).catch(async (e) => {
      if (isAppError(e) && e.details?.reason === WRONG_CURRENT_PASSWORD) await attempt.failed();
      throw e;
    });
    await attempt.succeeded();
    return json({ changed: true, ...result });
  },
  { session: true, note: "a member's own session cookie plus their current password; never an API key" },
);
