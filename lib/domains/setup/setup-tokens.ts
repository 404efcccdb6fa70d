import { and, eq, gt, lt } from "drizzle-orm";
import type { Config } from "@/lib/platform/config/env";
import type { Db } from "@/lib/adapters/db/client";
import { setupTokens } from "@/lib/adapters/db/schema";
import { randomToken, safeEqual, sha256 } from "@/lib/domains/auth/secrets";

export const SETUP_TOKEN_TTL_MINUTES = 60;

/**
 * A one-time setup token (`switchboard setup-token`): only its hash is stored; it expires after an hour and is
 * deleted when the first admin is created with it. Expired tokens are swept here.
 */
export async function createSetupToken(db: Db, ttlMinutes = SETUP_TOKEN_TTL_MINUTES): Promise<{ token: string; expiresAt: Date }> {
  const token = `setup_${randomToken(24)}`;
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  await db.delete(setupTokens).where(lt(setupTokens.expiresAt, new Date()));
  await db.insert(setupTokens).values({ tokenHash: sha256(token), expiresAt });
  return { token, expiresAt };
}

/**
 * Whether `token` proves the right to create the first admin: SETUP_TOKEN from the configuration (for hosts
 * where running the CLI against the database is awkward; it stops mattering once an admin exists), or an
 * unexpired token from `switchboard setup-token`, which this deletes (call it inside the setup transaction).
 */
export async function consumeSetupToken(db: Db, config: Pick<Config, "SETUP_TOKEN">, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  if (config.SETUP_TOKEN && safeEqual(token, config.SETUP_TOKEN)) return true;
  const used = await db
    .delete(setupTokens)
    .where(and(eq(setupTokens.tokenHash, sha256(token)), gt(setupTokens.expiresAt, new Date())))
    .returning({ tokenHash: setupTokens.tokenHash });
  return used.length > 0;
}
