import { createMcpHandler } from "mcp-handler";
import type { AuthInfo } from "@modelcontextprotocol/server";
import { getDeps } from "@/lib/composition/deps";
import { enforceRateLimit } from "@/lib/domains/auth/rate-limit";
import { errorResponse } from "@/lib/transports/http/respond";
import { assertHostAndOrigin } from "@/lib/transports/mcp/guard";
import { boundedMcpRequest, mcpBodyErrorResponse } from "@/lib/transports/mcp/bounded-request";
import { loadConformanceFixtures, registerSwitchboard, SERVER_INSTRUCTIONS } from "@/lib/transports/mcp/server";
import { log } from "@/lib/platform/log";
import { authenticateMcp } from "@/lib/transports/mcp/authenticate-mcp";
import { runAsMcpCaller } from "@/lib/transports/mcp/mcp-caller";
import type { Principal } from "@/lib/domains/auth/principal";
import pkg from "@/package.json";

const mcp = createMcpHandler(registerSwitchboard, {
  serverInfo: { name: "switchboard", version: pkg.version },
  instructions: SERVER_INSTRUCTIONS,
  onEvent: (e) => {
    if (e.type === "ERROR") log.warn({ source: e.source, context: e.context, error: String(e.error) }, "mcp error");
  },
});

/** Rate limit → bounded body (413/400) → MCP, for a request already authenticated. */
async function serveAuthenticated(req: Request, auth: AuthInfo): Promise<Response> {
  try {
    const deps = await getDeps();
    await enforceRateLimit(deps, auth.clientId, deps.config.API_RATE_LIMIT_PER_MINUTE);
    await loadConformanceFixtures();
  } catch (e) {
    return errorResponse(e);
  }
  let bounded: Awaited<ReturnType<typeof boundedMcpRequest>>;
  try {
    bounded = await boundedMcpRequest(req);
  } catch (e) {
    return mcpBodyErrorResponse(e) ?? errorResponse(e);
  }
  // mcp-handler hands `req.auth` to the tools as ctx.http.authInfo; the caller reaches registerSwitchboard,
  // which lists only the tools this credential may call.
  const caller = { principal: auth.extra?.principal as Principal, listing: bounded.method === "tools/list", toolName: bounded.toolName };
  return runAsMcpCaller(caller, () => mcp(Object.assign(bounded.request, { auth })));
}

/** /api/mcp: Host/Origin check → API key or OAuth access token (401 + WWW-Authenticate) → rate limit → bounded body (413/400) → MCP. */
export async function handleMcp(req: Request): Promise<Response> {
  try {
    assertHostAndOrigin(req);
  } catch (e) {
    return errorResponse(e);
  }
  const auth = await authenticateMcp(req);
  if (auth instanceof Response) return auth;
  return serveAuthenticated(req, auth);
}
