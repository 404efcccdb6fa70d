import { withRoute, parseOrThrow } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { listMessages } from "@/lib/domains/hitl/case-messages";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { toPublicMessage } from "@/lib/domains/hitl/case-view";
import { listMessagesQuery } from "@/lib/domains/hitl/schemas";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

// GET /api/cases/{id}/messages?after=<cursor>&wait=<0..55> — long poll for new messages
export const GET = withRoute(
  async ({ req, deps, principal, params }) => {
    const q = parseOrThrow(listMessagesQuery, Object.fromEntries(new URL(req.url).searchParams));
    const rows = await listMessages(deps, principal.accountId, params.id!, { after: q.after, waitSeconds: q.wait, signal: req.signal });
    return json({ messages: rows.map(toPublicMessage), cursor: rows.at(-1)?.id ?? q.after });
  },
  { scopes: ["hitl:ask", "hitl:answer"] },
);

// POST /api/cases/{id}/messages — sender from the credential; the first human message answers the case
export const POST = withRoute(
  async ({ req, deps, principal, params }) => {
    const result = await postMessage(deps, principal, params.id!, await readJson(req));
    return json({ message: toPublicMessage(result.message), case: result.case }, { status: 201 });
  },
  { scopes: ["hitl:ask", "hitl:answer"] },
);
