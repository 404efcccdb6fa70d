import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { deleteVapiSettings, readVapiStatus, setVapiSettings } from "@/lib/domains/vapi/credentials";

export const dynamic = "force-dynamic";

// GET /api/settings/vapi — the account's Vapi connection: which secrets are set (last 4 characters only), the wait, the calls settings (admin)
export const GET = withRoute(async ({ deps, principal }) => json(await readVapiStatus(deps, principal)), { scopes: ["admin"] });

// PUT /api/settings/vapi {apiKey?, serverSecret?, waitSeconds?, placeCalls?, callsAssistantId?, callsPhoneNumberId?} — write-only secrets; audited
export const PUT = withRoute(async ({ req, deps, principal }) => json(await setVapiSettings(deps, principal, await readJson(req))), {
  scopes: ["admin"],
});

// DELETE /api/settings/vapi — forget it (tool requests are then authenticated by the API key alone)
export const DELETE = withRoute(async ({ deps, principal }) => json(await deleteVapiSettings(deps, principal)), { scopes: ["admin"] });
