import { parseOrThrow, withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { createMemoryEntry, listMemoryEntries } from "@/lib/domains/memory/entries";
import { toPublicMemoryEntry } from "@/lib/domains/memory/present";
import { listMemoryQuery } from "@/lib/domains/memory/schemas";

export const dynamic = "force-dynamic";

// GET /api/memory?q=parking&limit=200 — the account's saved answers, most recently changed first
export const GET = withRoute(
  async ({ req, deps, principal }) => {
    const q = parseOrThrow(listMemoryQuery, Object.fromEntries(new URL(req.url).searchParams));
    return json({ entries: (await listMemoryEntries(deps, principal.accountId, q)).map(toPublicMemoryEntry) });
  },
  { scopes: ["admin"] },
);

// POST /api/memory {question, answer, tags?, validUntil?, answeredBy?, approvedForAuto?} — add a saved answer
export const POST = withRoute(
  async ({ req, deps, principal }) =>
    json(toPublicMemoryEntry(await createMemoryEntry(deps, principal, await readJson(req))), { status: 201 }),
  { scopes: ["admin"] },
);
