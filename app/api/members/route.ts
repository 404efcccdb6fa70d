import { withRoute } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { addMember } from "@/lib/domains/members/add-member";
import { listAccountMembers } from "@/lib/domains/members/list-account-members";

export const dynamic = "force-dynamic";

// GET /api/members — the account's operators and admins (admin only)
export const GET = withRoute(async ({ deps, principal }) => json({ members: await listAccountMembers(deps, principal) }), {
  scopes: ["admin"],
});

// POST /api/members {email, name?, role, password?} — add a member; a generated password is returned once
export const POST = withRoute(
  async ({ req, deps, principal }) =>
    json(await addMember(deps, principal, await readJson(req)), { status: 201, headers: { "cache-control": "no-store" } }),
  { scopes: ["admin"] },
);
