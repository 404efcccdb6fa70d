import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { refreshRealtimeToken } from "@/lib/domains/realtime/refresh-realtime-token";

export const dynamic = "force-dynamic";

// POST /api/realtime/supabase/token — a fresh Supabase Realtime access token for the caller's account topic
export const POST = withRoute(
  async ({ deps, principal }) => json(refreshRealtimeToken(deps, principal), { headers: { "cache-control": "no-store" } }),
  { scopes: ["hitl:answer"] },
);
