import { withRoute } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { readJson } from "@/lib/http/read-json";
import { getGolfSettings, updateGolfSettings } from "@/lib/golf/settings";

export const dynamic = "force-dynamic";

// GET /api/golf/settings — the booking provider and Chronogolf settings (secrets only as "set")
export const GET = withRoute(async ({ deps, principal }) => json(await getGolfSettings(deps, principal)), { scopes: ["admin"] });

// PUT /api/golf/settings {provider?, chronogolf?: {baseUrl, organizationId, clientId, clientSecret, refreshToken, timezone}}
export const PUT = withRoute(async ({ req, deps, principal }) => json(await updateGolfSettings(deps, principal, await readJson(req))), { scopes: ["admin"] });
