import { withRoute, parseOrThrow } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { createPublicCase } from "@/lib/domains/hitl/create-case";
import { listCases } from "@/lib/domains/hitl/list-cases";
import { presentCases } from "@/lib/domains/hitl/case-view";
import { listCasesQuery } from "@/lib/domains/hitl/schemas";
import { AppError } from "@/lib/platform/errors";

export const dynamic = "force-dynamic";

// POST /api/cases — create an escalation (idempotent via Idempotency-Key or idempotencyKey)
export const POST = withRoute(
  async ({ req, deps, principal }) => {
    const body = await readJson(req);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new AppError("bad_request", "Request body must be a JSON object.");
    const header = req.headers.get("idempotency-key");
    const input = header && !("idempotencyKey" in body) ? { ...body, idempotencyKey: header } : body;
    const { case: view, created } = await createPublicCase(deps, principal, input, { source: "api" });
    return json(view, { status: created ? 201 : 200 });
  },
  { scopes: ["hitl:ask"] },
);

// GET /api/cases?status=open,claimed&limit=50&order=oldest&q=refund&cursor=<nextCursor> — the account's cases (newest first by default)
export const GET = withRoute(
  async ({ req, deps, principal }) => {
    const q = parseOrThrow(listCasesQuery, Object.fromEntries(new URL(req.url).searchParams));
    const page = await listCases(deps, principal.accountId, q);
    return json({ cases: await presentCases(deps.db, page.cases), nextCursor: page.nextCursor, nextBefore: page.nextBefore });
  },
  { scopes: ["hitl:answer"] },
);
