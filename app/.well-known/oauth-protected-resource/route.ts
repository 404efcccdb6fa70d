import { metadataCorsOptionsRequestHandler } from "mcp-handler";
import { declareRoute } from "@/lib/transports/http/with-route";
import { METADATA_HEADERS, protectedResourceMetadata } from "@/lib/transports/oauth/metadata";
import { publicOrigin } from "@/lib/domains/oauth/urls";

// RFC 9728 protected-resource metadata for /api/mcp: names Switchboard itself as the authorization server
// (members sign in; README "Connecting with OAuth"). API keys keep working as bearer tokens too.
export const GET = declareRoute(
  function GET(req: Request) {
    return Response.json(protectedResourceMetadata(publicOrigin(req)), { headers: METADATA_HEADERS });
  },
  { public: true, note: "discovery document, no secrets" },
);

export const OPTIONS = declareRoute(metadataCorsOptionsRequestHandler(), { public: true });
