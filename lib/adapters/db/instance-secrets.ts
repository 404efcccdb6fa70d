import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { instanceSecrets } from "@/lib/adapters/db/schema";
import { openFrom, sealFor } from "@/lib/adapters/db/sealed-columns";

const SECRET = "instance_secrets.value";

/** The simulator's webhook signing secret when SIMULATOR_WEBHOOK_SECRET is unset. */
export const SIMULATOR_WEBHOOK_SECRET_NAME = "simulator_webhook_secret";

/**
 * A random secret generated on first use and stored in the database, like the demo account's callback
 * secret: every instance on the database reads the same one, and nothing outside it can derive it.
 * Concurrent first starts agree (insert … on conflict do nothing, then read). Stored sealed (lib/platform/secrets).
 */
export async function getOrCreateInstanceSecret(db: Db, name: string): Promise<string> {
  const read = async () => {
    const [row] = await db
      .select({ value: instanceSecrets.value, keyId: instanceSecrets.valueKeyId })
      .from(instanceSecrets)
      .where(eq(instanceSecrets.name, name))
      .limit(1);
    return row ? openFrom(SECRET, name, row.value, row.keyId) : undefined;
  };
  const existing = await read();
  if (existing) return existing;
  const sealed = sealFor(SECRET, name, `whsec_${randomBytes(32).toString("base64url")}`);
  await db.insert(instanceSecrets).values({ name, value: sealed.value, valueKeyId: sealed.keyId }).onConflictDoNothing();
  const created = await read();
  if (!created) throw new Error(`instance secret ${name} could not be stored`);
  return created;
}
