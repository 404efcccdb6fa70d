import { NO_STORE, oauthError } from "@/lib/domains/oauth/oauth-error";
import { corsPreflight, oauthRoute, readOAuthForm } from "@/lib/transports/oauth/oauth-route";
import { exchangeAuthorizationCode } from "@/lib/domains/oauth/codes";
import { refreshTokens } from "@/lib/domains/oauth/refresh";

// POST /api/oauth/token — authorization_code (with PKCE) or refresh_token (rotating) → access + refresh token.
export const POST = oauthRoute(async ({ req, deps }) => {
  const form = await readOAuthForm(req);
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code") return Response.json(await exchangeAuthorizationCode(deps.db, form), { headers: NO_STORE });
  if (grantType === "refresh_token") return Response.json(await refreshTokens(deps.db, form), { headers: NO_STORE });
  throw grantType
    ? oauthError("unsupported_grant_type", "grant_type: use authorization_code or refresh_token.")
    : oauthError("invalid_request", "grant_type: required.");
}, "the proof is in the body: an authorization code with its PKCE verifier, or a refresh token");

export const OPTIONS = corsPreflight;
