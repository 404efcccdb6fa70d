import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { readNotifySettings, updateNotifySettings } from "@/lib/domains/notify/settings";

export const dynamic = "force-dynamic";

// GET /api/settings/notifications — ntfy server, default and on-call topics, whether a token is set (never the token; admin only)
export const GET = withRoute(async ({ deps, principal }) => json(await readNotifySettings(deps, principal)), { scopes: ["admin"] });

// PUT /api/settings/notifications {serverUrl?, defaultTopic?, oncallTopic?, accessToken?} — change what is given (token write-only; audited)
export const PUT = withRoute(async ({ req, deps, principal }) => json(await updateNotifySettings(deps, principal, await readJson(req))), {
  scopes: ["admin"],
});
