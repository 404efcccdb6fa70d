import { WEBHOOK_MAX_BYTES } from "@/lib/domains/calls/handle-provider-webhook";
import { readText } from "@/lib/transports/http/read-body";

/** handleProviderWebhook's arguments for a request, wired as app/api/webhooks/[provider]/route.ts wires them. */
export const providerWebhook = (provider: string, req: Request) => ({
  provider,
  headers: req.headers,
  readBody: () => readText(req, WEBHOOK_MAX_BYTES),
});
