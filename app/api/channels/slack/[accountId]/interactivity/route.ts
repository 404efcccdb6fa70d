import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readBody } from "@/lib/transports/http/read-body";
import { runAfter } from "@/lib/transports/http/run-after";
import { handleSlackInteraction } from "@/lib/domains/channels/slack/interactivity";

export const dynamic = "force-dynamic";

// POST /api/channels/slack/{accountId}/interactivity — Slack's interactivity requests (buttons, the Answer modal)
export const POST = withRoute(
  async ({ req, deps, params }) => {
    const ack = await handleSlackInteraction(deps, {
      accountId: params.accountId!,
      body: await readBody(req, 256 * 1024),
      timestamp: req.headers.get("x-slack-request-timestamp"),
      signature: req.headers.get("x-slack-signature"),
    });
    runAfter(ack.after);
    return ack.body ? json(ack.body) : new Response(null, { status: 200 });
  },
  {
    public: true,
    note: "X-Slack-Signature (v0 HMAC over the raw body, 5 minutes) with the account's Slack signing secret is the credential",
  },
);
