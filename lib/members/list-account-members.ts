import type { Deps } from "@/lib/deps";
import type { Principal } from "@/lib/auth/principal";
import { listMembers } from "@/lib/auth/members";
import { assertScope } from "@/lib/auth/permissions";

/** The caller's account's members (admins only), oldest first. */
export async function listAccountMembers(deps: Deps, principal: Principal) {
  assertScope(principal, "admin");
  return listMembers(deps.db, principal.accountId);
}
