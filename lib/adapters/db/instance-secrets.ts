import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { instanceSecrets } from "@/lib/adapters/db/schema";

/** The simulator's webhook signing secret when SIMULATOR_WEBHOOK_SECRET is unset. */
export const SIMULATOR_WEBHOOK_SECRET_NAME = "simulator_webhook_secret";

/**
 * A random secret generated on first use and stored in the database, like the demo account's callback
 * secret: every instance on the database reads the same one, and nothing outside it can derive it.
 * Concurrent first starts agree (insert … on conflict do nothing, then read).
 */
export async function getOrCreateInstanceSecret(db: Db, name: string): Promise<string> {
  const read = async () =>
    (await db.select({ value: instanceSecrets.value }).from(instanceSecrets).where(eq(instanceSecrets.name, name)).limit(1))[0]?.value;
  const existing = await read();
  if (existing) return existing;
  await db
    .insert(instanceSecrets)
    .values({ name, value: `whsec_${randomBytes(32).toString("base64url")}` })
    .onConflictDoNothing();
  const created = await read();
  if (!created) throw new Error(`instance secret ${name} could not be stored`);
  return created;
}
