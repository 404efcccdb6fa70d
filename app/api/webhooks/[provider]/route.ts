import { handleProviderWebhook, WEBHOOK_MAX_BYTES } from "@/lib/domains/calls/handle-provider-webhook";
import { readText } from "@/lib/transports/http/read-body";
import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";

export const dynamic = "force-dynamic";

// POST /api/webhooks/{bland|simulator} — provider status events, verified by X-Webhook-Signature over the raw body
export const POST = withRoute(
  async ({ req, deps, params }) =>
    json(
      await handleProviderWebhook(deps, {
        provider: params.provider ?? "",
        headers: req.headers,
        readBody: () => readText(req, WEBHOOK_MAX_BYTES),
      }),
    ),
  { public: true, note: "the provider signature (X-Webhook-Signature) is the credential" },
);
