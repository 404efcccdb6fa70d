import { getDeps } from "@/lib/composition/deps";
import { AppError } from "@/lib/platform/errors";
import { json, errorResponse } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { assertSameOrigin } from "@/lib/transports/http/authenticate";
import { checkMemberPassword, publicMember } from "@/lib/domains/members/members";
import { startSessionCookie } from "@/lib/transports/http/session-cookie";
import { beginLoginAttempt } from "@/lib/domains/auth/login-throttle";
import { clientAddress } from "@/lib/transports/http/client-address";
import { declareRoute } from "@/lib/transports/http/with-route";
import { loginInput } from "@/lib/domains/auth/schemas";

export const dynamic = "force-dynamic";

// POST /api/auth/login {email, password} — sets the httpOnly session cookie
export const POST = declareRoute(
  async function POST(req: Request) {
    try {
      assertSameOrigin(req);
      const deps = await getDeps();
      const input = parseOrThrow(loginInput, await readJson(req));
      // Slow down password guessing per email and client address (lib/domains/auth/login-throttle.ts).
      const attempt = await beginLoginAttempt(deps.kv, { email: input.email, client: clientAddress(req.headers, deps.config) });
      const member = await checkMemberPassword(deps.db, input.email, input.password);
      if (!member) {
        await attempt.failed();
        throw new AppError("unauthorized", "Wrong email or password.");
      }
      await attempt.succeeded();
      return startSessionCookie(deps, req, json({ member: publicMember(member) }), member.id);
    } catch (e) {
      return errorResponse(e);
    }
  },
  { public: true, note: "the email and password are the credential" },
);
