import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { members, oauthClients, oauthGrants, oauthTokens } from "@/lib/adapters/db/schema";
import { getConfig } from "@/lib/platform/config/env";
import { randomToken, sha256 } from "@/lib/domains/auth/secrets";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { AppError } from "@/lib/platform/errors";
import type { Scope } from "@/lib/domains/auth/principal";
import { isUuid } from "@/lib/platform/validation/uuid";

export const ACCESS_PREFIX = "sbat_";
export const REFRESH_PREFIX = "sbrt_";

/** A fresh access token and a fresh refresh token of one grant (the family); only their hashes are stored. */
export async function issueTokenPair(tx: Db, grant: { id: string; scopes: string[] }) {
  const c = getConfig();
  const access = `${ACCESS_PREFIX}${randomToken(32)}`;
  const refresh = `${REFRESH_PREFIX}${randomToken(32)}`;
  const now = Date.now();
  await tx.insert(oauthTokens).values([
    { tokenHash: sha256(access), grantId: grant.id, kind: "access", expiresAt: new Date(now + c.OAUTH_ACCESS_TOKEN_TTL_SECONDS * 1000) },
    {
      tokenHash: sha256(refresh),
      grantId: grant.id,
      kind: "refresh",
      expiresAt: new Date(now + c.OAUTH_REFRESH_TOKEN_TTL_DAYS * 86_400_000),
    },
  ]);
  return {
    access_token: access,
    token_type: "Bearer" as const,
    expires_in: c.OAUTH_ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: refresh,
    scope: grant.scopes.join(" "),
  };
}

/** Ends a grant and with it every token of its family. Idempotent; says whether it was still active. */
export async function revokeGrantFamily(
  db: Db,
  grantId: string,
  reason: string,
  actor: { actorType: "member" | "api_key" | "system"; actorId?: string } = { actorType: "system" },
): Promise<boolean> {
  const [row] = await db
    .update(oauthGrants)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(oauthGrants.id, grantId), isNull(oauthGrants.revokedAt)))
    .returning();
  await db
    .update(oauthTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(oauthTokens.grantId, grantId), isNull(oauthTokens.revokedAt)));
  if (row) {
    await recordAudit(db, {
      accountId: row.accountId,
      entityType: "oauth_grant",
      entityId: row.id,
      action: "oauth_grant.revoked",
      ...actor,
      data: { reason, clientId: row.clientId, memberId: row.memberId },
    });
  }
  return !!row;
}

/** The apps members connected by signing in (active grants), for Admin → Connected apps. */
export async function listConnectedApps(db: Db, accountId: string) {
  const rows = await db
    .select({
      g: oauthGrants,
      email: members.email,
      memberName: members.name,
      role: members.role,
      clientName: oauthClients.clientName,
      clientKind: oauthClients.kind,
    })
    .from(oauthGrants)
    .innerJoin(members, eq(members.id, oauthGrants.memberId))
    .innerJoin(oauthClients, eq(oauthClients.clientId, oauthGrants.clientId))
    .where(and(eq(oauthGrants.accountId, accountId), isNull(oauthGrants.revokedAt)))
    .orderBy(desc(oauthGrants.createdAt))
    .limit(500);
  return rows.map((r) => ({
    id: r.g.id,
    member: { id: r.g.memberId, email: r.email, name: r.memberName, role: r.role },
    client: { id: r.g.clientId, name: r.clientName, kind: r.clientKind },
    scopes: r.g.scopes as Scope[],
    createdAt: r.g.createdAt.toISOString(),
    lastUsedAt: r.g.lastUsedAt?.toISOString() ?? null,
  }));
}

/** An admin disconnects an app: within their own account only (another account's grant is a 404). */
export async function revokeConnectedApp(
  db: Db,
  input: { accountId: string; grantId: string; actor: { actorType: "member" | "api_key"; actorId: string } },
) {
  if (!isUuid(input.grantId)) throw new AppError("not_found", "No such connected app.");
  const [row] = await db
    .select()
    .from(oauthGrants)
    .where(and(eq(oauthGrants.id, input.grantId), eq(oauthGrants.accountId, input.accountId)))
    .limit(1);
  if (!row || row.revokedAt) throw new AppError("not_found", "No such connected app.");
  await db.transaction((tx) => revokeGrantFamily(tx, row.id, "revoked by an admin", input.actor));
  return { id: row.id, revoked: true };
}
