import type { Deps } from "@/lib/platform/deps";
import { cookieSecure, createSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";

/**
 * Signs the member in on this response: a new session, its token in an HttpOnly, SameSite=Lax cookie that
 * expires with the session (Secure per COOKIE_SECURE). Sign-in and first-run setup both end this way.
 */
export async function startSessionCookie(
  deps: Pick<Deps, "db" | "config">,
  req: Request,
  res: Response,
  memberId: string,
): Promise<Response> {
  const session = await createSession(deps, memberId);
  const secure = cookieSecure(deps, req.url) ? "; Secure" : "";
  res.headers.append(
    "set-cookie",
    `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expiresAt.toUTCString()}${secure}`,
  );
  return res;
}
