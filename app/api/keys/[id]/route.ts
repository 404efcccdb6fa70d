import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { revokeKeyForAccount } from "@/lib/domains/api-keys/manage-api-keys";

export const dynamic = "force-dynamic";

// DELETE /api/keys/{id or prefix} — revoke a key at once (admin only)
export const DELETE = withRoute(
  async ({ deps, principal, params }) => json({ key: await revokeKeyForAccount(deps, principal, params.id!) }),
  { scopes: ["admin"] },
);
