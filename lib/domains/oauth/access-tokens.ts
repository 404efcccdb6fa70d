import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { members, oauthClients, oauthGrants, oauthTokens } from "@/lib/adapters/db/schema";
import { sha256 } from "@/lib/domains/auth/secrets";
import type { Principal, Scope } from "@/lib/domains/auth/principal";
import { ACCESS_PREFIX, REFRESH_PREFIX, revokeGrantFamily } from "@/lib/domains/oauth/grants";
import { sameResource } from "@/lib/domains/oauth/urls";

type Member = Extract<Principal, { kind: "member" }>;
export const isOAuthAccessToken = (token: string) => token.startsWith(ACCESS_PREFIX);

/**
 * An OAuth access token as /api/mcp sees it: the member it acts for (with the scopes of the grant, never
 * more than the member's role holds now), or why it is refused. Not cached: a revoked grant or a
 * deactivated member stops working on the next request, on every instance.
 */
export async function verifyAccessToken(
  db: Db,
  token: string,
  expectedResource: string,
): Promise<{ principal: Member } | { problem: string }> {
  if (!isOAuthAccessToken(token) || token.length > 200) return { problem: "not an access token this server issued" };
  const [row] = await db
    .select({ t: oauthTokens, g: oauthGrants, m: members, clientName: oauthClients.clientName })
    .from(oauthTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, oauthTokens.grantId))
    .innerJoin(members, eq(members.id, oauthGrants.memberId))
    .innerJoin(oauthClients, eq(oauthClients.clientId, oauthGrants.clientId))
    .where(and(eq(oauthTokens.tokenHash, sha256(token)), eq(oauthTokens.kind, "access")))
    .limit(1);
  if (!row) return { problem: "unknown access token" };
  if (row.t.revokedAt || row.g.revokedAt) return { problem: "the access token was revoked" };
  if (row.t.expiresAt.getTime() <= Date.now()) return { problem: "the access token has expired; refresh it" };
  if (!row.m.active || row.m.accountId !== row.g.accountId) return { problem: "the member who connected this app is no longer active" };
  if (!sameResource(row.g.resource, expectedResource))
    return { problem: `the access token was issued for ${row.g.resource}, not ${expectedResource}` };
  const staleBefore = new Date(Date.now() - 60_000);
  if (!row.g.lastUsedAt || row.g.lastUsedAt < staleBefore) {
    await db
      .update(oauthGrants)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(oauthGrants.id, row.g.id), or(isNull(oauthGrants.lastUsedAt), lt(oauthGrants.lastUsedAt, staleBefore))));
  }
  const m = row.m;
  return {
    principal: {
      kind: "member",
      accountId: m.accountId,
      memberId: m.id,
      role: m.role,
      email: m.email,
      name: m.name,
      oauth: { grantId: row.g.id, clientId: row.g.clientId, clientName: row.clientName, scopes: row.g.scopes as Scope[] },
    },
  };
}

/**
 * RFC 7009 revocation. A refresh token ends its whole grant; an access token ends itself. A token that is
 * unknown, already revoked or another client's changes nothing, and the answer is the same 200 either way
 * (the endpoint must not become an oracle for which tokens exist).
 */
export async function revokeToken(db: Db, form: URLSearchParams): Promise<void> {
  const token = form.get("token");
  const clientId = form.get("client_id");
  if (!token || !clientId || token.length > 200 || !(token.startsWith(ACCESS_PREFIX) || token.startsWith(REFRESH_PREFIX))) return;
  const [row] = await db
    .select({ t: oauthTokens, g: oauthGrants })
    .from(oauthTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, oauthTokens.grantId))
    .where(eq(oauthTokens.tokenHash, sha256(token)))
    .limit(1);
  if (!row || row.g.clientId !== clientId) return;
  if (row.t.kind === "refresh") await db.transaction((tx) => revokeGrantFamily(tx, row.g.id, "revoked by the client"));
  else await db.update(oauthTokens).set({ revokedAt: new Date() }).where(eq(oauthTokens.tokenHash, row.t.tokenHash));
}
