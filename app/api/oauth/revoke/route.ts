import { NO_STORE, oauthError } from "@/lib/domains/oauth/oauth-error";
import { corsPreflight, oauthRoute, readOAuthForm } from "@/lib/transports/oauth/oauth-route";
import { revokeToken } from "@/lib/domains/oauth/access-tokens";

// POST /api/oauth/revoke — RFC 7009: the client gives back a token (a refresh token ends its whole grant).
export const POST = oauthRoute(async ({ req, deps }) => {
  const form = await readOAuthForm(req);
  if (!form.get("token")) throw oauthError("invalid_request", "token: required.");
  await revokeToken(deps.db, form);
  return new Response(null, { status: 200, headers: NO_STORE });
}, "holding the token is the proof; unknown tokens get the same 200");

export const OPTIONS = corsPreflight;
