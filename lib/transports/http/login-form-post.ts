import { isAppError } from "@/lib/platform/errors";
import { readText } from "@/lib/transports/http/read-body";
import { safeNextPath } from "@/lib/transports/http/safe-next";

/** A sign-in form posted by the browser itself (no JavaScript): application/x-www-form-urlencoded. */
export const isFormPost = (req: Request) =>
  (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";

/** The posted form's fields (email, password, next), read through the bounded reader. */
export async function readLoginForm(req: Request): Promise<{ email: unknown; password: unknown; next: string }> {
  const form = new URLSearchParams(await readText(req, 16 * 1024));
  return { email: form.get("email") ?? "", password: form.get("password") ?? "", next: safeNextPath(form.get("next")) };
}

/** Why a form sign-in failed, as the short code /login turns into a fixed sentence (never the caller's words). */
export function loginFailure(e: unknown): "credentials" | "throttled" | "refused" | "failed" {
  if (!isAppError(e)) return "failed";
  if (e.code === "unauthorized" || e.code === "validation_failed") return "credentials";
  if (e.code === "rate_limited") return "throttled";
  if (e.code === "forbidden") return "refused";
  return "failed";
}

export const LOGIN_FAILURES: Record<string, string> = {
  credentials: "Wrong email or password.",
  throttled: "Too many sign-in attempts. Wait a minute and try again.",
  refused: "This sign-in came from another site and was refused.",
  failed: "Sign-in failed. Try again.",
};

/** 303 See Other: the browser follows with a GET, so the password never ends up in a URL or in history. */
export const seeOther = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
