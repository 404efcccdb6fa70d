import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { getMemorySettings, updateMemorySettings } from "@/lib/domains/memory/settings";

export const dynamic = "force-dynamic";

// GET /api/memory/settings — automatic answers on/off and the threshold (with the defaults applied)
export const GET = withRoute(async ({ deps, principal }) => json(await getMemorySettings(deps, principal.accountId)), {
  scopes: ["admin"],
});

// PATCH /api/memory/settings {autoAnswer?: boolean|null, threshold?: number|null} — null = the default
export const PATCH = withRoute(async ({ req, deps, principal }) => json(await updateMemorySettings(deps, principal, await readJson(req))), {
  scopes: ["admin"],
});
