export const SCOPES = ["hitl:ask", "hitl:answer", "calls:read", "calls:write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is making a request: a signed-in member, or a machine client holding an API key. */
export type Principal =
  | { kind: "member"; accountId: string; memberId: string; role: "operator" | "admin"; email: string; name: string }
  | { kind: "api_key"; accountId: string; keyId: string; keyPrefix: string; scopes: Scope[] };

/** Members act as humans (answer, claim); admins may do everything. */
export function hasScope(p: Principal, scope: Scope): boolean {
  if (p.kind === "member") return scope !== "admin" || p.role === "admin";
  return p.scopes.includes(scope) || p.scopes.includes("admin");
}

export function actorOf(p: Principal): { actorType: "member" | "api_key"; actorId: string } {
  return p.kind === "member" ? { actorType: "member", actorId: p.memberId } : { actorType: "api_key", actorId: p.keyId };
}
