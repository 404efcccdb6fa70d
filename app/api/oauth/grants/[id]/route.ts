import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { revokeConnectedAppForAccount } from "@/lib/domains/oauth/connected-apps";

export const dynamic = "force-dynamic";

// DELETE /api/oauth/grants/{id} — disconnect an app: every token of the grant stops working at once (admin only)
export const DELETE = withRoute(
  async ({ deps, principal, params }) => json({ grant: await revokeConnectedAppForAccount(deps, principal, params.id!) }),
  { scopes: ["admin"] },
);
