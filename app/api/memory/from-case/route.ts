import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { toPublicMemoryEntry } from "@/lib/domains/memory/present";
import { saveAnswerFromCase } from "@/lib/domains/memory/save-from-case";

export const dynamic = "force-dynamic";

// POST /api/memory/from-case {caseId, question?, answer?, tags?, validUntil?} — keep an answer given for reuse
export const POST = withRoute(
  async ({ req, deps, principal }) =>
    json(toPublicMemoryEntry(await saveAnswerFromCase(deps, principal, await readJson(req))), { status: 201 }),
  { scopes: ["hitl:answer"] },
);
