import { AppError } from "@/lib/errors";
import { hasScope, type Principal, type Scope } from "@/lib/auth/principal";

/**
 * Who may call a route or tool, declared where it is defined (README "Permission matrix"):
 * - `{ scopes }` — an API key or a member session holding ANY of these scopes (roles map to scopes);
 * - `{ public: true }` — no credential; the route checks its own proof if any (a signature, a password);
 * - `{ cron: true }` — `Authorization: Bearer $CRON_SECRET` (scheduled jobs);
 * - `{ apiKey: true }` — any valid API key of an account (/api/mcp: each tool then declares its scopes).
 */
export type Permission =
  | { scopes: readonly [Scope, ...Scope[]] }
  | { public: true; note?: string }
  | { cron: true }
  | { apiKey: true };

/** The 403 every missing scope becomes: names the scope(s) needed, and says what the credential is. */
export function forbiddenFor(p: Principal, scopes: readonly Scope[]): AppError {
  const needed = scopes.join(" or ");
  const who = p.kind === "member" ? `Your role (${p.role}) does not include` : "This API key lacks";
  return new AppError("forbidden", `${who} the ${needed} scope needed here.`, { requiredScopes: [...scopes] });
}

/** The one scope check: throws 403 naming the scope unless the credential holds one of `scopes`. */
export function assertScope(p: Principal, ...scopes: [Scope, ...Scope[]]): void {
  if (!scopes.some((s) => hasScope(p, s))) throw forbiddenFor(p, scopes);
}
