import { createHmac } from "node:crypto";
import type { Config } from "@/lib/platform/config/env";

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

export type RealtimeToken = { accessToken: string; expiresAt: number };
/** Whom a token is for: `sub` (a member or key id) and the one account whose topic it opens. */
export type RealtimeAudience = { subject: string; accountId: string };

/**
 * A short-lived Supabase access token for one member: HS256 with the project's JWT secret, role
 * `authenticated`, and an `account_id` claim that the realtime.messages RLS policy compares with the
 * channel topic (docs/realtime.md). It grants nothing else: our tables are not exposed through PostgREST.
 */
export function mintRealtimeToken(config: Config, who: RealtimeAudience, now = Date.now()): RealtimeToken {
  const iat = Math.floor(now / 1000);
  const exp = iat + config.REALTIME_TOKEN_TTL_SECONDS;
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: "switchboard",
      aud: "authenticated",
      role: "authenticated",
      sub: who.subject,
      account_id: who.accountId,
      iat,
      exp,
    }),
  );
  const signature = createHmac("sha256", config.SUPABASE_JWT_SECRET!).update(`${header}.${payload}`).digest("base64url");
  return { accessToken: `${header}.${payload}.${signature}`, expiresAt: exp };
}
