import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { listConnectedAppsForAccount } from "@/lib/domains/oauth/connected-apps";

export const dynamic = "force-dynamic";

// GET /api/oauth/grants — apps members connected by signing in (OAuth), with member, client and scopes (admin only)
export const GET = withRoute(async ({ deps, principal }) => json({ grants: await listConnectedAppsForAccount(deps, principal) }), {
  scopes: ["admin"],
});
