import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { createKeyForAccount, listKeysForAccount } from "@/lib/domains/api-keys/manage-api-keys";

export const dynamic = "force-dynamic";

// GET /api/keys — the account's API keys by prefix, scopes, created, last used, revoked (admin only)
export const GET = withRoute(async ({ deps, principal }) => json({ keys: await listKeysForAccount(deps, principal) }), {
  scopes: ["admin"],
});

// POST /api/keys {name, scopes[]} — create a key; the full key is in this response and never again
export const POST = withRoute(
  async ({ req, deps, principal }) =>
    json(await createKeyForAccount(deps, principal, await readJson(req)), { status: 201, headers: { "cache-control": "no-store" } }),
  { scopes: ["admin"] },
);
