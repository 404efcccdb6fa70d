import { handleMcp } from "@/lib/transports/mcp/handler";
import { declareRoute } from "@/lib/transports/http/with-route";

// The MCP endpoint (Streamable HTTP; 2026-07-28 natively, 2025-era clients statelessly).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 60;

// Any valid API key gets in; each tool and resource then declares the scopes it needs (lib/transports/mcp/server.ts).
const mcp = declareRoute(handleMcp, { apiKey: true });
export { mcp as GET, mcp as POST, mcp as DELETE };
