import { withRoute, parseOrThrow } from "@/lib/transports/http/with-route";
import { json } from "@/lib/transports/http/respond";
import { readJson } from "@/lib/transports/http/read-json";
import { setMemberActive } from "@/lib/domains/members/set-member-active";
import { setMemberActiveInput } from "@/lib/domains/members/schemas";

export const dynamic = "force-dynamic";

// PATCH /api/members/{id} {active} — deactivate (ends their sessions at once) or reactivate (admin only)
export const PATCH = withRoute(
  async ({ req, deps, principal, params }) => {
    const { active } = parseOrThrow(setMemberActiveInput, await readJson(req));
    return json({ member: await setMemberActive(deps, principal, { memberId: params.id!, active }) });
  },
  { scopes: ["admin"] },
);
