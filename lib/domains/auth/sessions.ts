import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { members, memberSessions } from "@/lib/adapters/db/schema";
import type { Principal } from "@/lib/domains/auth/principal";
import { randomToken, sha256 } from "@/lib/domains/auth/secrets";

export const SESSION_COOKIE = "sb_session";

/** Starts a session; the raw token goes into the cookie, only its hash into the database. */
export async function createSession({ db, config }: Pick<Deps, "db" | "config">, memberId: string) {
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000);
  await db.insert(memberSessions).values({ memberId, tokenHash: sha256(token), expiresAt });
  await db.update(members).set({ lastLoginAt: new Date() }).where(eq(members.id, memberId));
  return { token, expiresAt };
}

export async function resolveSession(db: Db, token: string): Promise<Extract<Principal, { kind: "member" }> | null> {
  const [row] = await db
    .select({ m: members })
    .from(memberSessions)
    .innerJoin(members, eq(members.id, memberSessions.memberId))
    .where(and(eq(memberSessions.tokenHash, sha256(token)), gt(memberSessions.expiresAt, new Date()), eq(members.active, true)))
    .limit(1);
  if (!row) return null;
  const m = row.m;
  return { kind: "member", accountId: m.accountId, memberId: m.id, role: m.role, email: m.email, name: m.name };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(memberSessions).where(eq(memberSessions.tokenHash, sha256(token)));
}

export function cookieSecure(deps: Pick<Deps, "config">, requestUrl: string): boolean {
  const mode = deps.config.COOKIE_SECURE;
  return mode === "auto" ? requestUrl.startsWith("https://") : mode === "true";
}
