import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { accounts } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { randomToken } from "@/lib/domains/auth/secrets";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { openFrom, sealFor } from "@/lib/adapters/db/sealed-columns";

const SECRET = "accounts.webhook_secret";

/** Creates an account; its callback signing secret is returned here once. */
export async function createAccount(db: Db, input: { name: string }) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AppError("validation_failed", "name: must be 1–200 characters");
  const webhookSecret = `whsec_${randomToken(32)}`;
  // The id is chosen here: the sealed secret is bound to its row.
  const id = randomUUID();
  const sealed = sealFor(SECRET, id, webhookSecret);
  const [row] = await db.insert(accounts).values({ id, name, webhookSecret: sealed.value, webhookSecretKeyId: sealed.keyId }).returning();
  await recordAudit(db, { accountId: row!.id, entityType: "account", entityId: row!.id, action: "account.created", actorType: "system" });
  return { account: { id: row!.id, name: row!.name, createdAt: row!.createdAt }, webhookSecret };
}

/** Replaces the callback signing secret and returns the new one (shown once). */
export async function rotateWebhookSecret(db: Db, accountId: string) {
  const webhookSecret = `whsec_${randomToken(32)}`;
  const sealed = sealFor(SECRET, accountId, webhookSecret);
  const [row] = await db
    .update(accounts)
    .set({ webhookSecret: sealed.value, webhookSecretKeyId: sealed.keyId })
    .where(eq(accounts.id, accountId))
    .returning({ id: accounts.id });
  if (!row) throw new AppError("not_found", "No such account.");
  return webhookSecret;
}

/** The callback signing secret (server side only: signing callbacks and recording links); null for no such account. */
export async function readWebhookSecret(db: Db, accountId: string): Promise<string | null> {
  const [row] = await db
    .select({ value: accounts.webhookSecret, keyId: accounts.webhookSecretKeyId })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  return row ? openFrom(SECRET, accountId, row.value, row.keyId) : null;
}

/** The account a CLI command acts on: the one named, else the first (demo) account. */
export async function resolveAccount(db: Db, idOrName?: string) {
  const columns = { id: accounts.id, name: accounts.name, createdAt: accounts.createdAt };
  const rows = idOrName
    ? await db
        .select(columns)
        .from(accounts)
        .where(/^[0-9a-f-]{36}$/i.test(idOrName) ? eq(accounts.id, idOrName) : eq(accounts.name, idOrName))
        .limit(1)
    : await db.select(columns).from(accounts).orderBy(asc(accounts.createdAt)).limit(1);
  const row = rows[0];
  if (!row) {
    throw new AppError(
      "not_found",
      idOrName ? `No account "${idOrName}".` : "No account yet: run `switchboard accounts create --name …` first.",
    );
  }
  return row;
}

export async function countAccounts(db: Db): Promise<number> {
  const rows = await db.select({ id: accounts.id }).from(accounts).limit(1);
  return rows.length;
}

export async function listAccounts(db: Db) {
  return db.select({ id: accounts.id, name: accounts.name, createdAt: accounts.createdAt }).from(accounts).orderBy(asc(accounts.createdAt));
}

/** The account's own profile (id, name, created), for the account resource; undefined when it is gone. */
export async function getAccountProfile(db: Db, accountId: string) {
  const [a] = await db
    .select({ id: accounts.id, name: accounts.name, createdAt: accounts.createdAt })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  return a;
}
