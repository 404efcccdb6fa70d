import { getDeps } from "@/lib/composition/deps";
import { AppError, isAppError } from "@/lib/platform/errors";
import { errorForLog, log } from "@/lib/platform/log";
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
import { isFormPost, loginFailure, readLoginForm, seeOther } from "@/lib/transports/http/login-form-post";

export const dynamic = "force-dynamic";

/** Checks the email and password (throttled) and signs the member in on `res`. */
async function signIn(req: Request, raw: unknown, res: (member: ReturnType<typeof publicMember>) => Response): Promise<Response> {
  const deps = await getDeps();
  const input = parseOrThrow(loginInput, raw);
  // Slow down password guessing per email and client address (lib/domains/auth/login-throttle.ts).
  const attempt = await beginLoginAttempt(deps.kv, { email: input.email, client: clientAddress(req.headers, deps.config) });
  const member = await checkMemberPassword(deps.db, input.email, input.password);
  if (!member) {
    await attempt.failed();
    throw new AppError("unauthorized", "Wrong email or password.");
  }
  await attempt.succeeded();
  return startSessionCookie(deps, req, res(publicMember(member)), member.id);
}

// POST /api/auth/login {email, password} — sets the httpOnly session cookie. The sign-in form also posts here
// without JavaScript (form-encoded, with `next`): the answer is then a 303 to `next`, or back to /login.
export const POST = declareRoute(
  async function POST(req: Request) {
    if (isFormPost(req)) {
      let next = "/console";
      try {
        assertSameOrigin(req);
        const form = await readLoginForm(req);
        next = form.next;
        return await signIn(req, form, () => seeOther(form.next));
      } catch (e) {
        if (!isAppError(e)) log.error({ err: errorForLog(e) }, "form sign-in failed");
        return seeOther(`/login?${new URLSearchParams({ failed: loginFailure(e), next })}`);
      }
    }
    try {
      assertSameOrigin(req);
      return await signIn(req, await readJson(req), (member) => json({ member }));
    } catch (e) {
      return errorResponse(e);
    }
  },
  { public: true, note: "the email and password are the credential" },
);
