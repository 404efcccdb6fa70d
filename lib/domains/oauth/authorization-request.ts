import type { Db } from "@/lib/adapters/db/client";
import type { Scope } from "@/lib/domains/auth/principal";
import { isOAuthError, oauthError, OAuthProtocolError } from "@/lib/domains/oauth/oauth-error";
import { resolveClientForAuthorization, type OAuthClient } from "@/lib/domains/oauth/clients";
import { assertRegistrableRedirectUri, redirectUriMatches } from "@/lib/domains/oauth/redirect-uris";
import { parseScopeParam } from "@/lib/domains/oauth/scopes";
import { mcpResourceUrl, sameResource } from "@/lib/domains/oauth/urls";

export type AuthorizationRequest = {
  client: OAuthClient;
  redirectUri: string;
  state: string | null;
  codeChallenge: string;
  scopes: Scope[];
  resource: string;
  issuer: string;
};

/** An error the client should hear about at its redirect URI (RFC 6749 §4.1.2.1), with `state` and `iss` (RFC 9207). */
export class RedirectableError extends OAuthProtocolError {
  constructor(
    inner: OAuthProtocolError,
    readonly redirectTo: string,
  ) {
    super(inner.error, inner.description, inner.status);
  }
}

/** The redirect an error should go to, if it is one the client may hear (matched by shape, not instanceof). */
export const redirectOf = (e: unknown): string | null =>
  isOAuthError(e) && typeof (e as { redirectTo?: unknown }).redirectTo === "string" ? (e as RedirectableError).redirectTo : null;

export function redirectWith(redirectUri: string, params: Record<string, string | null>): string {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/; // base64url(SHA-256(verifier)), unpadded
const one = (p: URLSearchParams, name: string): string | null => {
  const all = p.getAll(name);
  if (all.length > 1) throw oauthError("invalid_request", `${name}: must be sent once.`);
  return all[0] ?? null;
};

/**
 * Checks an authorization request (OAuth 2.1 §4.1.1 + RFC 8707 + PKCE). First who is asking and where to
 * answer: an unknown client or an unregistered redirect URI is never redirected. Later problems carry the
 * client's redirect URI (RedirectableError), but only a member's decision (consent.ts) follows it: the
 * consent page shows every error itself (RFC 9700 §4.11.2).
 */
export async function parseAuthorizationRequest(db: Db, params: URLSearchParams, origin: string): Promise<AuthorizationRequest> {
  const client = await resolveClientForAuthorization(db, one(params, "client_id") ?? "");
  const asked = one(params, "redirect_uri");
  const redirectUri = asked ?? (client.redirectUris.length === 1 ? client.redirectUris[0]! : null);
  if (!redirectUri) throw oauthError("invalid_request", "redirect_uri: required (the client registered more than one).");
  if (!redirectUriMatches(client.redirectUris, redirectUri))
    throw oauthError("invalid_request", "redirect_uri: not one this client registered.");
  // Registered under older, looser rules? Today's scheme allow-list still decides.
  assertRegistrableRedirectUri(redirectUri, "redirect_uri");

  const state = params.get("state");
  try {
    if (one(params, "response_type") !== "code") throw oauthError("unsupported_response_type", "response_type: must be code.");
    const challenge = one(params, "code_challenge");
    if (!challenge) throw oauthError("invalid_request", "code_challenge: required (PKCE with S256).");
    if (one(params, "code_challenge_method") !== "S256") throw oauthError("invalid_request", "code_challenge_method: must be S256.");
    if (!PKCE_CHALLENGE.test(challenge))
      throw oauthError("invalid_request", "code_challenge: must be the base64url SHA-256 of the code verifier (43 characters).");
    const scopes = parseScopeParam(one(params, "scope"));
    const ours = mcpResourceUrl(origin);
    const resources = params.getAll("resource");
    if (resources.length > 1 || (resources[0] && !sameResource(resources[0], ours))) {
      throw oauthError("invalid_target", `resource: this server issues tokens only for ${ours}.`);
    }
    if (state && state.length > 1000) throw oauthError("invalid_request", "state: at most 1000 characters.");
    return { client, redirectUri, state, codeChallenge: challenge, scopes, resource: ours, issuer: origin };
  } catch (e) {
    if (!isOAuthError(e)) throw e;
    throw new RedirectableError(e, redirectWith(redirectUri, { error: e.error, error_description: e.description, state, iss: origin }));
  }
}
