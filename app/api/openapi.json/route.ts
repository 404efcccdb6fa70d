import { getPublicOrigin } from "mcp-handler";
import { buildOpenApi } from "@/lib/openapi";

export const dynamic = "force-dynamic";

// GET /api/openapi.json — the REST API, generated from the routes' zod schemas
export function GET(req: Request) {
  return Response.json(buildOpenApi(getPublicOrigin(req)));
}
