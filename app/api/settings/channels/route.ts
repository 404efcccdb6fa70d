import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { readChannelSettings, updateChannelSettings } from "@/lib/domains/channels/settings";

export const dynamic = "force-dynamic";

// GET /api/settings/channels — Slack and SMS connections (never a token or secret), the escalation ladder (admin only)
export const GET = withRoute(async ({ deps, principal }) => json(await readChannelSettings(deps, principal)), { scopes: ["admin"] });

// PUT /api/settings/channels {slack?, sms?, ladder?} — connect Slack or Twilio, set the ladder (secrets write-only; audited)
export const PUT = withRoute(async ({ req, deps, principal }) => json(await updateChannelSettings(deps, principal, await readJson(req))), {
  scopes: ["admin"],
});
