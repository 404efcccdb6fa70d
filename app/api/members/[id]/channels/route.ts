import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { updateMemberChannels } from "@/lib/domains/channels/member-channels";

export const dynamic = "force-dynamic";

// PATCH /api/members/{id}/channels {slackUserId?, phone?, onCall?} — link Slack (as looked up), SMS phone, on-call hours (admin only)
export const PATCH = withRoute(
  async ({ req, deps, principal, params }) => json(await updateMemberChannels(deps, principal, params.id!, await readJson(req))),
  { scopes: ["admin"] },
);
