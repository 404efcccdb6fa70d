import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import type { Deps } from "@/lib/platform/deps";
import { actorOf, SCOPES, type Principal } from "@/lib/domains/auth/principal";
import { createApiKey, listApiKeys, parseScopes, revokeApiKey } from "@/lib/domains/api-keys/api-keys";
import { assertScope } from "@/lib/domains/auth/permissions";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export const createKeyInput = z.object({
  name: safeText().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  scopes: z.array(safeText().max(50), { message: `must be a list of scopes (${SCOPES.join(", ")})` }).min(1, "choose at least one scope"),
});

/** Admin-only key management for the caller's own account; the full key is in the result once. */
export async function createKeyForAccount(deps: Deps, principal: Principal, raw: unknown) {
  assertScope(principal, "admin");
  const parsed = parseOrThrow(createKeyInput, raw);
  return createApiKey(deps.db, {
    accountId: principal.accountId,
    name: parsed.name,
    scopes: parseScopes(parsed.scopes),
    createdBy: actorOf(principal),
  });
}

export async function listKeysForAccount(deps: Deps, principal: Principal) {
  assertScope(principal, "admin");
  return listApiKeys(deps.db, principal.accountId);
}

export async function revokeKeyForAccount(deps: Deps, principal: Principal, idOrPrefix: string) {
  assertScope(principal, "admin");
  return revokeApiKey(deps.db, { accountId: principal.accountId, idOrPrefix, actor: actorOf(principal) });
}
