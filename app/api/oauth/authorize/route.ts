import { withRoute } from "@/lib/transports/http/with-route";
import { readJson } from "@/lib/transports/http/read-json";
import { isOAuthError, NO_STORE, oauthErrorBody } from "@/lib/domains/oauth/oauth-error";
import { decideAuthorization } from "@/lib/domains/oauth/consent";
import { publicOrigin } from "@/lib/domains/oauth/urls";

export const dynamic = "force-dynamic";

// POST /api/oauth/authorize — the consent page's allow/deny; answers where the browser goes next (the client's redirect URI)
export const POST = withRoute(
  async ({ req, deps, principal }) => {
    try {
      return Response.json(await decideAuthorization(deps, principal, await readJson(req), publicOrigin(req)), { headers: NO_STORE });
    } catch (e) {
      if (isOAuthError(e)) return oauthErrorBody(e);
      throw e;
    }
  },
  { session: true, note: "a person decides: a member's session cookie (same origin), never a key or token" },
);
