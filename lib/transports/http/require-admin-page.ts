import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getDeps } from "@/lib/composition/deps";
import { resolveSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import type { Principal } from "@/lib/domains/auth/principal";
import { safeNextPath } from "@/lib/transports/http/safe-next";

export type AdminPrincipal = Extract<Principal, { kind: "member" }> & { role: "admin" };

/** Only same-site paths under /admin go into `next` (the header comes from proxy.ts). */
function currentAdminPath(raw: string | null): string {
  const path = safeNextPath(raw, "/admin");
  return path === "/admin" || path.startsWith("/admin/") || path.startsWith("/admin?") ? path : "/admin";
}

/**
 * The signed-in admin for a server component under /admin. Signed out (or session ended, e.g. by
 * deactivation) → redirect to sign-in and back; an operator → 403 (forbidden()). Cached per request,
 * so the layout and the page share one session lookup.
 */
export const requireAdminPage = cache(async (): Promise<AdminPrincipal> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const deps = await getDeps();
  const principal = token ? await resolveSession(deps.db, token) : null;
  if (!principal) redirect(`/login?next=${encodeURIComponent(currentAdminPath((await headers()).get("x-sb-pathname")))}`);
  if (principal.role !== "admin") forbidden();
  return principal as AdminPrincipal;
});
