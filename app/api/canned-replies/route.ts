import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { createCannedReply, listCannedReplies, toPublicCannedReply } from "@/lib/domains/canned-replies/canned-replies";

export const dynamic = "force-dynamic";

// GET /api/canned-replies — the account's canned replies, by shortcut
export const GET = withRoute(
  async ({ deps, principal }) => {
    return json({ cannedReplies: (await listCannedReplies(deps, principal.accountId)).map(toPublicCannedReply) });
  },
  { scopes: ["hitl:answer", "replies:write"] },
);

// POST /api/canned-replies {shortcut, title?, body} — 409 when the shortcut exists in the account
export const POST = withRoute(
  async ({ req, deps, principal }) => {
    return json(toPublicCannedReply(await createCannedReply(deps, principal, await readJson(req))), { status: 201 });
  },
  { scopes: ["replies:write"] },
);
