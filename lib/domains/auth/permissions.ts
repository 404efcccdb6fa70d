import { AppError } from "@/lib/platform/errors";
import { hasScope, type Principal, type Scope } from "@/lib/domains/auth/principal";

/**
 * Who may call a route or tool, declared where it is defined (README "Permission matrix"):
 * - `{ scopes }` — an API key or a member session holding ANY of these scopes (roles map to scopes);
 * - `{ public: true }` — no credential; the route checks its own proof if any (a signature, a password);
 * - `{ cron: true }` — `Authorization: Bearer $CRON_SECRET` (scheduled jobs);
 * - `{ apiKey: true }` — any valid API key of an account, or an OAuth access token issued for /api/mcp
 *   (each tool then declares its scopes);
 * - `{ session: true }` — a signed-in member's session cookie, whatever the role (the OAuth consent decision).
 */
export type Permission =
  | { scopes: readonly [Scope, ...Scope[]] }
  | { public: true; note?: string }
  | { cron: true }
  | { apiKey: true }
  | { session: true; note?: string };

/** The 403 every missing scope becomes: names the scope(s) needed, and says what the credential is. */
export function forbiddenFor(p: Principal, scopes: readonly Scope[]): AppError {
  const needed = scopes.join(" or ");
  const who =
    p.kind === "api_key"
      ? "This API key lacks"
      : p.oauth
        ? `This sign-in (OAuth, ${p.role}) lacks`
        : `Your role (${p.role}) does not include`;
  return new AppError("forbidden", `${who} the ${needed} scope needed here.`, { requiredScopes: [...scopes] });
}

/** The one scope check: throws 403 naming the scope unless the credential holds one of `scopes`. */
export function assertScope(p: Principal, ...scopes: [Scope, ...Scope[]]): void {
  if (!scopes.some((s) => hasScope(p, s))) throw forbiddenFor(p, scopes);
}
