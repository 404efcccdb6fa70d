import { declareRoute } from "@/lib/transports/http/with-route";
import { handleFunctionCall } from "@/lib/transports/agent-platforms/handle-function-call";
import { vapiPlatform } from "@/lib/transports/agent-platforms/vapi";

// Vapi function tools: every MCP tool, called the way Vapi calls a tool's server URL (README "Using Switchboard from Vapi").
export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// ask_human waits at most the account's Vapi wait (≤ 290 s).
export const maxDuration = 300;

// POST /api/vapi/tools — any valid API key gets in (plus the account's Vapi server secret when stored); each tool then needs its scopes.
export const POST = declareRoute((req: Request) => handleFunctionCall(vapiPlatform, req), { apiKey: true });
