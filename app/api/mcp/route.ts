import { handleMcp } from "@/lib/mcp/handler";

// The MCP endpoint (Streamable HTTP; 2026-07-28 natively, 2025-era clients statelessly).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 60;

export { handleMcp as GET, handleMcp as POST, handleMcp as DELETE };
