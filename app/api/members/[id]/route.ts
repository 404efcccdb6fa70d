import { z } from "zod";
import { withRoute, parseOrThrow } from "@/lib/http/with-route";
import { json } from "@/lib/http/respond";
import { readJson } from "@/lib/http/read-json";
import { setMemberActive } from "@/lib/members/set-member-active";

export const dynamic = "force-dynamic";

const body = z.object({ active: z.boolean({ message: "must be true or false" }) });

// PATCH /api/members/{id} {active} — deactivate (ends their sessions at once) or reactivate (admin only)
export const PATCH = withRoute(async ({ req, deps, principal, params }) => {
  const { active } = parseOrThrow(body, await readJson(req));
  return json({ member: await setMemberActive(deps, principal, { memberId: params.id!, active }) });
}, { scopes: ["admin"] });
