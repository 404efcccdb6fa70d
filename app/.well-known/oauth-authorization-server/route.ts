import { metadataCorsOptionsRequestHandler } from "mcp-handler";
import { declareRoute } from "@/lib/transports/http/with-route";
import { authorizationServerMetadata, METADATA_HEADERS } from "@/lib/transports/oauth/metadata";
import { publicOrigin } from "@/lib/domains/oauth/urls";

// RFC 8414 authorization-server metadata: where MCP clients register, send members to sign in, get tokens.
export const GET = declareRoute(
  function GET(req: Request) {
    return Response.json(authorizationServerMetadata(publicOrigin(req)), { headers: METADATA_HEADERS });
  },
  { public: true, note: "discovery document, no secrets" },
);

export const OPTIONS = declareRoute(metadataCorsOptionsRequestHandler(), { public: true });
