import type { Deps } from "@/lib/deps";
import type { Principal } from "@/lib/auth/principal";
import { listMembers } from "@/lib/auth/members";
import { requireScope } from "@/lib/http/require";

/** The caller's account's members (admins only), oldest first. */
export async function listAccountMembers(deps: Deps, principal: Principal) {
  requireScope(principal, "admin");
  return listMembers(deps.db, principal.accountId);
}
