import { eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { instanceSecrets } from "@/lib/adapters/db/schema";
import { sha256 } from "@/lib/domains/auth/secrets";
import type { ChronogolfConfig } from "@/lib/domains/golf/settings";
import { openFrom, sealFor } from "@/lib/adapters/db/sealed-columns";

const SECRET = "instance_secrets.value";

/**
 * Chronogolf rotates a refresh token on every use. The instance's CHRONOGOLF_REFRESH_TOKEN is shared by every
 * account that books with the instance's credentials, so its successor is kept for the instance (in
 * instance_secrets), never in one account's row. The name carries a digest of the configured token: when an
 * operator sets a new CHRONOGOLF_REFRESH_TOKEN, the chain starts again from it. Stored sealed, like every
 * instance secret (lib/platform/secrets).
 */
const nameFor = (configured: string) => `chronogolf_refresh_token:${sha256(configured).slice(0, 16)}`;

/** The instance credentials with the latest rotated refresh token; account credentials as they are. */
export async function withCurrentInstanceToken(db: Db, cfg: ChronogolfConfig): Promise<ChronogolfConfig> {
  if (cfg.credentials !== "instance") return cfg;
  const name = nameFor(cfg.refreshToken);
  const [row] = await db
    .select({ value: instanceSecrets.value, keyId: instanceSecrets.valueKeyId })
    .from(instanceSecrets)
    .where(eq(instanceSecrets.name, name))
    .limit(1);
  const stored = row ? openFrom(SECRET, name, row.value, row.keyId) : null;
  return { ...cfg, refreshToken: stored ?? cfg.refreshToken, configuredRefreshToken: cfg.refreshToken };
}

/** Keeps the instance token's successor (see above). */
export async function storeInstanceRefreshToken(db: Db, configured: string, token: string): Promise<void> {
  const name = nameFor(configured);
  const sealed = sealFor(SECRET, name, token);
  await db
    .insert(instanceSecrets)
    .values({ name, value: sealed.value, valueKeyId: sealed.keyId })
    .onConflictDoUpdate({ target: instanceSecrets.name, set: { value: sealed.value, valueKeyId: sealed.keyId } });
}
