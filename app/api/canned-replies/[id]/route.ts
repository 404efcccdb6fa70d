import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { deleteCannedReply, toPublicCannedReply, updateCannedReply } from "@/lib/domains/canned-replies/canned-replies";

export const dynamic = "force-dynamic";

// PATCH /api/canned-replies/{id} {shortcut?, title?, body?}
export const PATCH = withRoute(
  async ({ req, deps, principal, params }) => {
    return json(toPublicCannedReply(await updateCannedReply(deps, principal, params.id!, await readJson(req))));
  },
  { scopes: ["replies:write"] },
);

// DELETE /api/canned-replies/{id}
export const DELETE = withRoute(
  async ({ deps, principal, params }) => {
    await deleteCannedReply(deps, principal, params.id!);
    return new Response(null, { status: 204 });
  },
  { scopes: ["replies:write"] },
);
