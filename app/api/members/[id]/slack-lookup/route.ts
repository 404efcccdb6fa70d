import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { lookupMemberSlackUser } from "@/lib/domains/channels/member-channels";

export const dynamic = "force-dynamic";

// POST /api/members/{id}/slack-lookup — the Slack user with the member's email, for an admin to confirm (admin only)
export const POST = withRoute(async ({ deps, principal, params }) => json(await lookupMemberSlackUser(deps, principal, params.id!)), {
  scopes: ["admin"],
});
