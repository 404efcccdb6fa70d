import { forbiddenFor } from "@/lib/domains/auth/permissions";
import { hasScope, type Principal, type Scope } from "@/lib/domains/auth/principal";
import type { AppError } from "@/lib/platform/errors";

/** The scopes a tool or resource needs (any of them), declared next to its definition. */
export type ToolScopes = readonly [Scope, ...Scope[]];

/** The one scope check for tools and resources: the 403 naming the missing scope, or null when the principal may. */
export function scopeRefusal(principal: Principal, scopes: ToolScopes): AppError | null {
  return scopes.some((s) => hasScope(principal, s)) ? null : forbiddenFor(principal, scopes);
}
