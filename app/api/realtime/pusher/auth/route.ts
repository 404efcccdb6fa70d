import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { authorizePusherChannel } from "@/lib/domains/realtime/authorize-pusher-channel";
import { readPusherAuthBody } from "@/lib/transports/http/read-pusher-auth-body";

export const dynamic = "force-dynamic";

// POST /api/realtime/pusher/auth — signs pusher-js's private-channel subscription for the caller's own account
export const POST = withRoute(
  async ({ req, deps, principal }) => json(await authorizePusherChannel(deps, principal, await readPusherAuthBody(req))),
  { scopes: ["hitl:answer"] },
);
