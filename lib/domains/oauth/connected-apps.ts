import type { Deps } from "@/lib/platform/deps";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { listConnectedApps, revokeConnectedApp } from "@/lib/domains/oauth/grants";

/** Admin → Connected apps: every app a member of this account connected by signing in. */
export async function listConnectedAppsForAccount(deps: Deps, principal: Principal) {
  assertScope(principal, "admin");
  return listConnectedApps(deps.db, principal.accountId);
}

/** Disconnects an app at once: its access and refresh tokens stop working on the next request. */
export async function revokeConnectedAppForAccount(deps: Deps, principal: Principal, grantId: string) {
  assertScope(principal, "admin");
  return revokeConnectedApp(deps.db, { accountId: principal.accountId, grantId, actor: actorOf(principal) });
}
