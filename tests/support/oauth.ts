import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { oauthGrants } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { registerDynamicClient } from "@/lib/domains/oauth/clients";
import { parseAuthorizationRequest } from "@/lib/domains/oauth/authorization-request";
import { approveAuthorization, exchangeAuthorizationCode } from "@/lib/domains/oauth/codes";

export const REDIRECT = "http://127.0.0.1:53682/callback";
export const pkcePair = () => {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
};

/** An authorization request's query, as an MCP client would send it. */
export function authorizeParams(clientId: string, challenge: string, origin: string, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "s1",
    resource: `${origin}/api/mcp`,
    ...extra,
  });
}

/**
 * A member connects an app through the real domain steps (register → consent → code → token), without
 * the browser: for tests that need an OAuth credential rather than testing how one is obtained.
 */
export async function connectApp(
  db: Db,
  member: Extract<Principal, { kind: "member" }>,
  opts: { origin: string; scope?: string; clientName?: string },
) {
  const client = await registerDynamicClient(db, {
    redirect_uris: [REDIRECT],
    client_name: opts.clientName ?? "Test app",
    token_endpoint_auth_method: "none",
  });
  const { verifier, challenge } = pkcePair();
  const params = authorizeParams(client.client_id, challenge, opts.origin, opts.scope ? { scope: opts.scope } : {});
  const request = await parseAuthorizationRequest(db, params, opts.origin);
  const { redirectTo } = await approveAuthorization(db, request, member);
  const code = new URL(redirectTo).searchParams.get("code")!;
  const tokens = await exchangeAuthorizationCode(
    db,
    new URLSearchParams({
      grant_type: "authorization_code",
      code,
      client_id: client.client_id,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    }),
  );
  const [grant] = await db.select().from(oauthGrants).where(eq(oauthGrants.clientId, client.client_id)).limit(1);
  return { clientId: client.client_id, grantId: grant!.id, verifier, ...tokens };
}
