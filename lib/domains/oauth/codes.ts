import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { members, oauthCodes, oauthGrants } from "@/lib/adapters/db/schema";
import { randomToken, safeEqual, sha256 } from "@/lib/domains/auth/secrets";
import type { Principal, Scope } from "@/lib/domains/auth/principal";
import { oauthError } from "@/lib/domains/oauth/oauth-error";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { findClient } from "@/lib/domains/oauth/clients";
import { issueTokenPair, revokeGrantFamily } from "@/lib/domains/oauth/grants";
import { grantableScopes } from "@/lib/domains/oauth/scopes";
import { redirectWith, type AuthorizationRequest } from "@/lib/domains/oauth/authorization-request";
import { sameResource } from "@/lib/domains/oauth/urls";

/** Authorization codes live minutes, not hours, and are good for one exchange (OAuth 2.1 §4.1.2). */
const CODE_TTL_MS = 5 * 60_000;
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
type Member = Extract<Principal, { kind: "member" }>;

/** The member said yes: a one-time code for what their role allows of what was asked, sent back to the client. */
export async function approveAuthorization(
  db: Db,
  request: AuthorizationRequest,
  member: Member,
): Promise<{ redirectTo: string; scopes: Scope[] }> {
  const { granted } = grantableScopes(member.role, request.scopes);
  if (granted.length === 0) {
    return {
      redirectTo: redirectWith(request.redirectUri, {
        error: "invalid_scope",
        error_description: `Your role (${member.role}) holds none of the scopes asked for.`,
        state: request.state,
        iss: request.issuer,
      }),
      scopes: [],
    };
  }
  const code = `sbac_${randomToken(32)}`;
  await db.insert(oauthCodes).values({
    codeHash: sha256(code),
    accountId: member.accountId,
    memberId: member.memberId,
    clientId: request.client.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    scopes: granted,
    resource: request.resource,
    expiresAt: new Date(Date.now() + CODE_TTL_MS),
  });
  return { redirectTo: redirectWith(request.redirectUri, { code, state: request.state, iss: request.issuer }), scopes: granted };
}

export const denyAuthorization = (request: AuthorizationRequest) =>
  redirectWith(request.redirectUri, {
    error: "access_denied",
    error_description: "The member declined.",
    state: request.state,
    iss: request.issuer,
  });

const pkceChallengeOf = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/**
 * grant_type=authorization_code: the code, once, by the client it was issued to, with the same redirect
 * URI and the PKCE verifier whose S256 is the challenge. A code presented twice revokes what the first
 * exchange issued (someone else has it). Scopes are re-checked against the member's role as it is now.
 */
export async function exchangeAuthorizationCode(db: Db, form: URLSearchParams) {
  const code = form.get("code");
  const clientId = form.get("client_id");
  const redirectUri = form.get("redirect_uri");
  const verifier = form.get("code_verifier");
  if (!code) throw oauthError("invalid_request", "code: required.");
  if (!clientId) throw oauthError("invalid_request", "client_id: required (public clients identify themselves).");
  if (!verifier) throw oauthError("invalid_request", "code_verifier: required (PKCE).");
  if (!VERIFIER.test(verifier)) throw oauthError("invalid_request", "code_verifier: must be 43–128 characters of A–Z a–z 0–9 - . _ ~.");
  if (!(await findClient(db, clientId))) throw oauthError("invalid_client", "client_id: no such client.");

  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(oauthCodes)
      .where(eq(oauthCodes.codeHash, sha256(code)))
      .limit(1)
      .for("update");
    if (!row || row.clientId !== clientId)
      return { kind: "error", error: "invalid_grant: the code is unknown or was issued to another client." } as const;
    if (row.usedAt) return { kind: "reused", reused: row.grantId } as const;
    if (row.expiresAt.getTime() <= Date.now())
      return { kind: "error", error: "invalid_grant: the code has expired; authorize again." } as const;
    if (redirectUri !== row.redirectUri)
      return { kind: "error", error: "invalid_grant: redirect_uri differs from the authorization request's." } as const;
    if (!safeEqual(pkceChallengeOf(verifier), row.codeChallenge))
      return { kind: "error", error: "invalid_grant: code_verifier does not match the code_challenge (PKCE)." } as const;
    const resource = form.get("resource");
    if (resource && !sameResource(resource, row.resource))
      return { kind: "error", error: `invalid_target: the code was issued for ${row.resource}.` } as const;
    const [m] = await tx
      .select()
      .from(members)
      .where(and(eq(members.id, row.memberId), eq(members.active, true)))
      .limit(1);
    const scopes = m ? grantableScopes(m.role, row.scopes as Scope[]).granted : [];
    if (!m || scopes.length === 0)
      return {
        kind: "error",
        error: "invalid_grant: the member who approved this is no longer active or no longer holds these scopes.",
      } as const;
    const [grant] = await tx
      .insert(oauthGrants)
      .values({ accountId: row.accountId, memberId: row.memberId, clientId, scopes, resource: row.resource })
      .returning();
    await tx.update(oauthCodes).set({ usedAt: new Date(), grantId: grant!.id }).where(eq(oauthCodes.codeHash, row.codeHash));
    await recordAudit(tx, {
      accountId: row.accountId,
      entityType: "oauth_grant",
      entityId: grant!.id,
      action: "oauth_grant.created",
      actorType: "member",
      actorId: row.memberId,
      data: { clientId, scopes },
    });
    return { kind: "ok", tokens: await issueTokenPair(tx, grant!) } as const;
  });
  if (outcome.kind === "reused") {
    if (outcome.reused) await db.transaction((tx) => revokeGrantFamily(tx, outcome.reused!, "authorization code used twice"));
    throw oauthError("invalid_grant", "The code was already used; every token issued for it is now revoked.");
  }
  if (outcome.kind === "error") {
    const [kind, ...rest] = outcome.error.split(": ");
    throw oauthError(kind as "invalid_grant" | "invalid_target", rest.join(": "));
  }
  return outcome.tokens;
}
