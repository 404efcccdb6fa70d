import { createMcpHandler, withMcpAuth } from "mcp-handler";
import type { AuthInfo } from "@modelcontextprotocol/server";
import { getDeps } from "@/lib/deps";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { enforceRateLimit } from "@/lib/auth/rate-limit";
import { errorResponse } from "@/lib/http/respond";
import { assertHostAndOrigin } from "@/lib/mcp/guard";
import { boundedMcpRequest, mcpBodyErrorResponse } from "@/lib/mcp/bounded-request";
import { registerSwitchboard, SERVER_INSTRUCTIONS } from "@/lib/mcp/server";
import { log } from "@/lib/log";
import { rememberOrigin } from "@/lib/calls/deps";
import pkg from "@/package.json";

const mcp = createMcpHandler(registerSwitchboard, {
  serverInfo: { name: "switchboard", version: pkg.version },
  instructions: SERVER_INSTRUCTIONS,
  onEvent: (e) => {
    if (e.type === "ERROR") log.warn({ source: e.source, context: e.context, error: String(e.error) }, "mcp error");
  },
});

async function verifyToken(req: Request, token?: string): Promise<AuthInfo | undefined> {
  if (!token) return undefined;
  const deps = await getDeps();
  const principal = await verifyApiKey(deps.db, token);
  if (!principal) return undefined;
  // The origin lets call tools build webhook and recording URLs when APP_URL is unset.
  const origin = new URL(req.url).origin;
  rememberOrigin(origin);
  return { token, clientId: principal.keyId, scopes: principal.scopes, extra: { principal, origin } };
}

const authed = withMcpAuth(
  async (req) => {
    try {
      const deps = await getDeps();
      await enforceRateLimit(deps.kv, req.auth!.clientId, deps.config.API_RATE_LIMIT_PER_MINUTE);
    } catch (e) {
      return errorResponse(e);
    }
    let bounded: Request;
    try {
      bounded = await boundedMcpRequest(req);
    } catch (e) {
      return mcpBodyErrorResponse(e) ?? errorResponse(e);
    }
    return mcp(bounded);
  },
  verifyToken,
  { required: true, resourceMetadataPath: "/.well-known/oauth-protected-resource" },
);

/** /api/mcp: Host/Origin check → API key (401 + WWW-Authenticate) → rate limit → bounded body (413/400) → MCP. */
export async function handleMcp(req: Request): Promise<Response> {
  try {
    assertHostAndOrigin(req);
  } catch (e) {
    return errorResponse(e);
  }
  return authed(req);
}
