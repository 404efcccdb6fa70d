import { generateProtectedResourceMetadata, getPublicOrigin, metadataCorsOptionsRequestHandler } from "mcp-handler";
import { SCOPES } from "@/lib/auth/principal";
import { declareRoute } from "@/lib/http/with-route";

// RFC 9728 protected-resource metadata for /api/mcp. Switchboard uses API keys as bearer tokens
// (create them with `switchboard keys create` or in /admin), so no authorization server is listed.
export const GET = declareRoute(function GET(req: Request) {
  const origin = getPublicOrigin(req);
  const body = generateProtectedResourceMetadata({
    authServerUrls: [],
    resourceUrl: `${origin}/api/mcp`,
    additionalMetadata: {
      resource_name: "Switchboard MCP",
      bearer_methods_supported: ["header"],
      scopes_supported: [...SCOPES],
    },
  });
  return Response.json(body, { headers: { "access-control-allow-origin": "*", "cache-control": "max-age=3600" } });
}, { public: true });

export const OPTIONS = declareRoute(metadataCorsOptionsRequestHandler(), { public: true });
