import { withRoute } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { revokeKeyForAccount } from "@/lib/members/manage-api-keys";

export const dynamic = "force-dynamic";

// DELETE /api/keys/{id or prefix} — revoke a key at once (admin only)
export const DELETE = withRoute(async ({ deps, principal, params }) => json({ key: await revokeKeyForAccount(deps, principal, params.id!) }), { scopes: ["admin"] });
