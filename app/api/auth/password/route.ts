import { getDeps } from "@/lib/composition/deps";
import { AppError } from "@/lib/platform/errors";
import { json, errorResponse } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { assertSameOrigin, readCookie } from "@/lib/transports/http/authenticate";
import { declareRoute } from "@/lib/transports/http/with-route";
import { resolveSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import { beginLoginAttempt } from "@/lib/domains/auth/login-throttle";
import { clientAddress } from "@/lib/transports/http/client-address";
import { changeOwnPassword, changePasswordInput } from "@/lib/domains/members/change-password";

export const dynamic = "force-dynamic";

// POST /api/auth/password {currentPassword, newPassword} — a signed-in member changes their own password;
// their other sessions end. A member's session only: an API key has no password to change.
export const POST = declareRoute(
  async function POST(req: Request) {
    try {
      const deps = await getDeps();
      const token = readCookie(req, SESSION_COOKIE);
      const member = token ? await resolveSession(deps.db, token) : null;
      if (!member || !token) throw new AppError("unauthorized", "Sign in to change your password (API keys have no password).");
      assertSameOrigin(req);
      const input = parseOrThrow(changePasswordInput, await readJson(req));
      // The current password is guessable through here too: the same throttle as sign-in.
      const attempt = await beginLoginAttempt(deps.kv, { email: member.email, client: clientAddress(req.headers, deps.config) });
      const result = await changeOwnPassword(deps.db, { memberId: member.memberId, sessionToken: token, ...input }).catch(async (e) => {
        if ((e as { message?: string })?.message?.startsWith("currentPassword:")) await attempt.failed();
        throw e;
      });
      await attempt.succeeded();
      return json({ changed: true, ...result });
    } catch (e) {
      return errorResponse(e);
    }
  },
  { public: true, note: "a member's own session cookie plus their current password; never an API key" },
);
