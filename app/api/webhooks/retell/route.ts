import { json } from "@/lib/transports/http/respond";
import { withRoute } from "@/lib/transports/http/with-route";
import { retellPlatform } from "@/lib/transports/agent-platforms/retell";

export const dynamic = "force-dynamic";

// POST /api/webhooks/retell?account=<id> — Retell call webhooks (call_started, call_ended, call_analyzed, transcript_updated).
// A static segment: Next.js routes it here before app/api/webhooks/[provider] (Bland, simulator).
export const POST = withRoute(async ({ req, deps }) => json(await retellPlatform.handleWebhook(deps, req)), {
  public: true,
  note: "X-Retell-Signature with the account's stored Retell API key is the credential",
});
