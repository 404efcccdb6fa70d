import { withRoute } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { revokeConnectedAppForAccount } from "@/lib/oauth/connected-apps";

export const dynamic = "force-dynamic";

// DELETE /api/oauth/grants/{id} — disconnect an app: every token of the grant stops working at once (admin only)
export const DELETE = withRoute(async ({ deps, principal, params }) => json({ grant: await revokeConnectedAppForAccount(deps, principal, params.id!) }), { scopes: ["admin"] });
