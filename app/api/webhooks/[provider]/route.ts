import { handleProviderWebhook } from "@/lib/calls/handle-provider-webhook";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/respond";
import { withRoute } from "@/lib/http/with-route";
import { withTelephony } from "@/lib/telephony";

export const dynamic = "force-dynamic";

const MAX_BODY = 1_000_000;

// POST /api/webhooks/{bland|simulator} — provider status events, verified by X-Webhook-Signature over the raw body
export const POST = withRoute(
  async ({ req, deps, params }) => {
    const rawBody = await req.text();
    if (rawBody.length > MAX_BODY) throw new AppError("payload_too_large", "Webhook body is larger than 1 MB.");
    return json(await handleProviderWebhook(withTelephony(deps), { provider: params.provider ?? "", rawBody, headers: req.headers }));
  },
  { public: true, note: "the provider signature (X-Webhook-Signature) is the credential" },
);
