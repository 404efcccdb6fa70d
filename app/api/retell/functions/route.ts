import { declareRoute } from "@/lib/transports/http/with-route";
import { handleFunctionCall } from "@/lib/transports/agent-platforms/handle-function-call";
import { retellPlatform } from "@/lib/transports/agent-platforms/retell";

// Retell custom functions: every MCP tool, called the way Retell calls a function (README "Using Switchboard from Retell").
export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// ask_human may wait up to RETELL_MAX_WAIT_SECONDS (≤ 290).
export const maxDuration = 300;

// POST /api/retell/functions — any valid API key gets in; each tool then needs its declared scopes (403 naming them).
export const POST = declareRoute((req: Request) => handleFunctionCall(retellPlatform, req), { apiKey: true });
