import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { getRecordingLink } from "@/lib/domains/calls/recording-link";

export const dynamic = "force-dynamic";

// GET /api/calls/{id}/recording-url — a signed, expiring link to the audio (like get_call_recording)
export const GET = withRoute(
  async ({ req, deps, principal, params }) =>
    json(await getRecordingLink(deps, principal, params.id!, { origin: new URL(req.url).origin })),
  { scopes: ["calls:read"] },
);
