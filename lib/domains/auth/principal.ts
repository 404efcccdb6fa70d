export const SCOPES = [
  "hitl:ask",
  "hitl:answer",
  "replies:write",
  "calls:read",
  "calls:write",
  "notify:send",
  "weather:read",
  "golf:read",
  "golf:write",
  "admin",
] as const;
export type Scope = (typeof SCOPES)[number];
export type Role = "operator" | "admin";

/**
 * A member acting through an MCP client they connected by signing in (OAuth): the client holds at most the
 * scopes the member consented to, and never more than the member's role holds at the time of the request.
 */
export type OAuthGrantRef = { grantId: string; clientId: string; clientName: string | null; scopes: Scope[] };

/** Who is making a request: a signed-in member, or a machine client holding an API key. */
export type Principal =
  | { kind: "member"; accountId: string; memberId: string; role: Role; email: string; name: string; oauth?: OAuthGrantRef }
  | { kind: "api_key"; accountId: string; keyId: string; keyPrefix: string; scopes: Scope[] };

/**
 * What a member's role grants, written down (README "Permission matrix"). An operator gets what an
 * answering human needs — the queue, claim, answer, presence, live events, the team's canned replies —
 * and nothing that spends money or administers the account; an admin gets every scope.
 */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  operator: ["hitl:answer", "replies:write"],
  admin: SCOPES,
};

/** The scopes a credential holds: a key's own (`admin` implies every scope), a member's role's. */
export function scopesOf(p: Principal): readonly Scope[] {
  if (p.kind === "member") {
    const role = ROLE_SCOPES[p.role] ?? [];
    if (!p.oauth) return role;
    const granted = p.oauth.scopes.includes("admin") ? SCOPES : p.oauth.scopes;
    return role.filter((s) => granted.includes(s));
  }
  return p.scopes.includes("admin") ? SCOPES : p.scopes;
}

export function hasScope(p: Principal, scope: Scope): boolean {
  return scopesOf(p).includes(scope);
}

export function actorOf(p: Principal): { actorType: "member" | "api_key"; actorId: string } {
  return p.kind === "member" ? { actorType: "member", actorId: p.memberId } : { actorType: "api_key", actorId: p.keyId };
}
