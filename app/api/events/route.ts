import { withRoute } from "@/lib/transports/http/with-route";
import { openEventStream } from "@/lib/domains/realtime/open-event-stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
// Streams end after REALTIME_SSE_MAX_SECONDS (default 270) and the browser reconnects; keep this above it.
export const maxDuration = 300;

// GET /api/events — the caller's account case events as Server-Sent Events (member session or hitl:answer key)
export const GET = withRoute(async ({ req, deps, principal }) => openEventStream(deps, principal, req), { scopes: ["hitl:answer"] });
