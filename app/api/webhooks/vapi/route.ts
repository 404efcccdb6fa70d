import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";
import { vapiPlatform } from "@/lib/transports/agent-platforms/vapi";

export const dynamic = "force-dynamic";

// POST /api/webhooks/vapi?account=<id> — Vapi server messages (end-of-call-report, status-update; others acknowledged).
// A static segment: Next.js routes it here before app/api/webhooks/[provider] (Bland, simulator).
export const POST = withRoute(async ({ req, deps }) => json(await vapiPlatform.handleWebhook(deps, req)), {
  public: true,
  note: "the account's stored Vapi server secret (X-Vapi-Secret or the HMAC X-Signature) is the credential",
});
