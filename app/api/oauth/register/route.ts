import { clientAddress } from "@/lib/transports/http/client-address";
import { readJson } from "@/lib/transports/http/read-json";
import { enforceRateLimit } from "@/lib/domains/auth/rate-limit";
import { NO_STORE } from "@/lib/domains/oauth/oauth-error";
import { corsPreflight, OAUTH_MAX_BODY_BYTES, oauthRoute } from "@/lib/transports/oauth/oauth-route";
import { registerDynamicClient } from "@/lib/domains/oauth/clients";

/** Registrations per client address per minute: enough for people connecting apps, not for filling the table. */
const REGISTRATIONS_PER_MINUTE = 20;

// POST /api/oauth/register — RFC 7591 dynamic client registration (public clients: PKCE, no secret).
export const POST = oauthRoute(async ({ req, deps }) => {
  await enforceRateLimit(deps, `oauth-register:${clientAddress(req.headers, deps.config)}`, REGISTRATIONS_PER_MINUTE);
  const body = await readJson(req, { maxBytes: OAUTH_MAX_BODY_BYTES });
  return Response.json(await registerDynamicClient(deps.db, body), { status: 201, headers: NO_STORE });
}, "open registration (RFC 7591), rate limited per client address; a registered client still needs a member's consent");

export const OPTIONS = corsPreflight;
