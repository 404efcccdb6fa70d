import { ROLE_SCOPES, SCOPES, type Role, type Scope } from "@/lib/domains/auth/principal";
import { oauthError } from "@/lib/domains/oauth/oauth-error";

/** What each scope lets a connected app do, in words, for the consent page and the admin list. */
export const SCOPE_WORDS: Record<Scope, string> = {
  "hitl:ask": "Ask your team questions on a caller's behalf (ask_human) and follow up on them",
  "hitl:answer": "Read escalated questions and answer them as you",
  "replies:write": "Change the team's canned replies",
  "calls:read": "Read calls, transcripts, recordings and credits",
  "calls:write": "Place and cancel phone calls (spends credits)",
  "notify:send": "Send push notifications to the team's ntfy topics",
  "weather:read": "Look up weather forecasts",
  "golf:read": "Search tee times and read golf reservations",
  "golf:write": "Book and cancel tee times",
  admin: "Administer the account: credits, members, API keys, settings",
};

const IGNORED = new Set(["openid", "offline_access", "profile", "email"]);

/** A `scope` parameter (space-separated) as known scopes; an unknown one is invalid_scope. Empty = none asked. */
export function parseScopeParam(raw: string | null | undefined): Scope[] {
  // OpenID-style scopes some clients add by habit carry no permission here: ignored rather than refused.
  const list = (raw ?? "")
    .split(" ")
    .map((s) => s.trim())
    .filter((s) => s && !IGNORED.has(s));
  const unknown = list.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw oauthError("invalid_scope", `Unknown scope ${unknown.join(", ")}; supported: ${SCOPES.join(" ")}.`);
  return [...new Set(list)] as Scope[];
}

/**
 * What a member may grant: the requested scopes their role holds (all of the role's when none were asked
 * for). A request for more than the role holds is narrowed, never widened — the token response's `scope`
 * says what was granted (RFC 6749 §3.3). `admin` is granted only to admins and stands for every scope.
 */
export function grantableScopes(role: Role, requested: Scope[]): { granted: Scope[]; withheld: Scope[] } {
  const roleScopes = ROLE_SCOPES[role] ?? [];
  const wanted = requested.length ? requested : [...roleScopes];
  return { granted: wanted.filter((s) => roleScopes.includes(s)), withheld: wanted.filter((s) => !roleScopes.includes(s)) };
}
