import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { deleteRetellApiKey, readRetellKeyStatus, setRetellApiKey } from "@/lib/domains/retell/credentials";

export const dynamic = "force-dynamic";

// GET /api/settings/retell — whether a Retell API key is stored, and its last 4 characters (never the key; admin only)
export const GET = withRoute(async ({ deps, principal }) => json(await readRetellKeyStatus(deps, principal)), { scopes: ["admin"] });

// PUT /api/settings/retell {apiKey} — store the account's Retell API key (write-only: signs Retell's requests; audited)
export const PUT = withRoute(async ({ req, deps, principal }) => json(await setRetellApiKey(deps, principal, await readJson(req))), {
  scopes: ["admin"],
});

// DELETE /api/settings/retell — forget it (Retell requests are then authenticated by the API key alone)
export const DELETE = withRoute(async ({ deps, principal }) => json(await deleteRetellApiKey(deps, principal)), { scopes: ["admin"] });
