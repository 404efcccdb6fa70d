import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { getGolfSettings, updateGolfSettings } from "@/lib/domains/golf/settings";

export const dynamic = "force-dynamic";

// GET /api/golf/settings — the booking provider and Chronogolf settings (secrets only as "set")
export const GET = withRoute(async ({ deps, principal }) => json(await getGolfSettings(deps, principal)), { scopes: ["admin"] });

// PUT /api/golf/settings {provider?, chronogolf?: {baseUrl, organizationId, clientId, clientSecret, refreshToken, timezone}}
export const PUT = withRoute(async ({ req, deps, principal }) => json(await updateGolfSettings(deps, principal, await readJson(req))), {
  scopes: ["admin"],
});
