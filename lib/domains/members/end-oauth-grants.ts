import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { oauthCodes, oauthGrants, oauthTokens } from "@/lib/adapters/db/schema";

/**
 * Ends every app a member connected by signing in (OAuth grants and their tokens) and voids authorization
 * codes not yet exchanged: a password change or reset must shut out whoever held the old password, and an
 * app they connected with it is as good as a session. Runs inside the caller's transaction; returns how
 * many grants ended.
 */
export async function endMemberOAuthGrants(tx: Db, memberId: string, reason: string): Promise<number> {
  const now = new Date();
  const ended = await tx
    .update(oauthGrants)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(oauthGrants.memberId, memberId), isNull(oauthGrants.revokedAt)))
    .returning({ id: oauthGrants.id });
  if (ended.length > 0) {
    await tx
      .update(oauthTokens)
      .set({ revokedAt: now })
      .where(
        and(
          inArray(
            oauthTokens.grantId,
            ended.map((g) => g.id),
          ),
          isNull(oauthTokens.revokedAt),
        ),
      );
  }
  // A code approved with the old password would otherwise still turn into a fresh grant.
  await tx
    .update(oauthCodes)
    .set({ expiresAt: now })
    .where(and(eq(oauthCodes.memberId, memberId), isNull(oauthCodes.usedAt), gt(oauthCodes.expiresAt, now)));
  return ended.length;
}
