import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { deleteMemoryEntry, getMemoryEntryOrThrow, updateMemoryEntry } from "@/lib/domains/memory/entries";
import { toPublicMemoryEntry } from "@/lib/domains/memory/present";

export const dynamic = "force-dynamic";

// GET /api/memory/{id}
export const GET = withRoute(
  async ({ deps, principal, params }) => json(toPublicMemoryEntry(await getMemoryEntryOrThrow(deps, principal.accountId, params.id!))),
  { scopes: ["admin"] },
);

// PATCH /api/memory/{id} {question?, answer?, tags?, validUntil?, approvedForAuto?} — edit, expire, approve
export const PATCH = withRoute(
  async ({ req, deps, principal, params }) =>
    json(toPublicMemoryEntry(await updateMemoryEntry(deps, principal, params.id!, await readJson(req)))),
  { scopes: ["admin"] },
);

// DELETE /api/memory/{id}
export const DELETE = withRoute(
  async ({ deps, principal, params }) => {
    await deleteMemoryEntry(deps, principal, params.id!);
    return new Response(null, { status: 204 });
  },
  { scopes: ["admin"] },
);
