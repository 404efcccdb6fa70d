import { getPublicOrigin } from "mcp-handler";
import { buildOpenApi } from "@/lib/transports/http/openapi";
import { declareRoute } from "@/lib/transports/http/with-route";

export const dynamic = "force-dynamic";

// GET /api/openapi.json — the REST API, generated from the routes' zod schemas
export const GET = declareRoute(
  function GET(req: Request) {
    return Response.json(buildOpenApi(getPublicOrigin(req)));
  },
  { public: true },
);
