import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { members, oauthGrants, oauthTokens } from "@/lib/adapters/db/schema";
import { sha256 } from "@/lib/domains/auth/secrets";
import type { Scope } from "@/lib/domains/auth/principal";
import { oauthError } from "@/lib/domains/oauth/oauth-error";
import { issueTokenPair, revokeGrantFamily } from "@/lib/domains/oauth/grants";
import { grantableScopes, parseScopeParam } from "@/lib/domains/oauth/scopes";
import { sameResource } from "@/lib/domains/oauth/urls";

/**
 * grant_type=refresh_token with rotation (OAuth 2.1 §4.3.1): each refresh token is good once and is
 * replaced by a new one. A refresh token presented after it was rotated means two parties hold it — the
 * client and a thief — so the whole grant (every access and refresh token of the family) is revoked.
 */
export async function refreshTokens(db: Db, form: URLSearchParams) {
  const token = form.get("refresh_token");
  const clientId = form.get("client_id");
  if (!token) throw oauthError("invalid_request", "refresh_token: required.");
  if (!clientId) throw oauthError("invalid_request", "client_id: required (public clients identify themselves).");
  const asked = parseScopeParam(form.get("scope"));
  const resource = form.get("resource");

  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ t: oauthTokens, g: oauthGrants })
      .from(oauthTokens)
      .innerJoin(oauthGrants, eq(oauthGrants.id, oauthTokens.grantId))
      .where(and(eq(oauthTokens.tokenHash, sha256(token)), eq(oauthTokens.kind, "refresh")))
      .limit(1)
      .for("update");
    if (!row || row.g.clientId !== clientId)
      return { kind: "error", error: "The refresh token is unknown or was issued to another client." } as const;
    if (row.g.revokedAt || row.t.revokedAt) return { kind: "error", error: "The refresh token was revoked; sign in again." } as const;
    if (row.t.rotatedAt) return { kind: "reused", reused: row.g.id } as const;
    if (row.t.expiresAt.getTime() <= Date.now()) return { kind: "error", error: "The refresh token has expired; sign in again." } as const;
    if (resource && !sameResource(resource, row.g.resource)) return { kind: "target", target: row.g.resource } as const;
    if (asked.some((s) => !row.g.scopes.includes(s))) return { kind: "scope" } as const;
    const [m] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, row.g.memberId), eq(members.active, true)))
      .limit(1);
    const scopes = m ? grantableScopes(m.role, row.g.scopes as Scope[]).granted : [];
    if (!m || scopes.length === 0)
      return { kind: "error", error: "The member who connected this app is no longer active or no longer holds its scopes." } as const;
    await tx.update(oauthTokens).set({ rotatedAt: new Date() }).where(eq(oauthTokens.tokenHash, row.t.tokenHash));
    await tx.update(oauthGrants).set({ lastUsedAt: new Date(), scopes }).where(eq(oauthGrants.id, row.g.id));
    return { kind: "ok", tokens: await issueTokenPair(tx, { id: row.g.id, scopes }) } as const;
  });
  if (outcome.kind === "reused") {
    await db.transaction((tx) => revokeGrantFamily(tx, outcome.reused, "refresh token reused"));
    throw oauthError("invalid_grant", "The refresh token was already used; this connection is now revoked. Sign in again.");
  }
  if (outcome.kind === "target") throw oauthError("invalid_target", `resource: this grant is for ${outcome.target}.`);
  if (outcome.kind === "scope") throw oauthError("invalid_scope", "scope: a refresh cannot add scopes the grant does not hold.");
  if (outcome.kind === "error") throw oauthError("invalid_grant", outcome.error);
  return outcome.tokens;
}
