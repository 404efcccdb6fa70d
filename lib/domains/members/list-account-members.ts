import type { Deps } from "@/lib/platform/deps";
import type { Principal } from "@/lib/domains/auth/principal";
import { listMembers } from "@/lib/domains/members/members";
import { assertScope } from "@/lib/domains/auth/permissions";

/** The caller's account's members (admins only), oldest first. */
export async function listAccountMembers(deps: Deps, principal: Principal) {
  assertScope(principal, "admin");
  return listMembers(deps.db, principal.accountId);
}
