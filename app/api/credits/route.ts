import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { addCredits, getCredits } from "@/lib/domains/credits/account-credits";

export const dynamic = "force-dynamic";

// GET /api/credits?limit=20 — balance, held, available and the most recent ledger entries
export const GET = withRoute(
  async ({ req, deps, principal }) => {
    return json(await getCredits(deps, principal, { limit: new URL(req.url).searchParams.get("limit") ?? undefined }));
  },
  { scopes: ["calls:read"] },
);

// POST /api/credits {amount, reason} — admins add (or remove) credits; the ledger records who and why
export const POST = withRoute(
  async ({ req, deps, principal }) => json(await addCredits(deps, principal, await readJson(req)), { status: 201 }),
  { scopes: ["admin"] },
);
