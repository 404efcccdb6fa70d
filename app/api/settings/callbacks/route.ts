import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { readCallbackPolicy, updateCallbackPolicy } from "@/lib/domains/hitl/callback-policy";

export const dynamic = "force-dynamic";

// GET /api/settings/callbacks — whether hitl:ask keys may request late-answer callback calls, and to which prefixes (admin only)
export const GET = withRoute(async ({ deps, principal }) => json(await readCallbackPolicy(deps, principal)), { scopes: ["admin"] });

// PATCH /api/settings/callbacks {askKeyCallbacksEnabled?, callbackNumberPrefixes?} — change it (admin only; audited)
export const PATCH = withRoute(async ({ req, deps, principal }) => json(await updateCallbackPolicy(deps, principal, await readJson(req))), {
  scopes: ["admin"],
});
