import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { apiKeys } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { SCOPES, type Principal, type Scope } from "@/lib/domains/auth/principal";
import { randomToken, safeEqual, sha256 } from "@/lib/domains/auth/secrets";
import { isDatabaseFault, withDatabaseGuard } from "@/lib/adapters/db/guard";
import { isDependencyDown } from "@/lib/platform/resilience/dependency-error";
import { log } from "@/lib/platform/log";
import { isUuid } from "@/lib/platform/validation/uuid";

const KEY_PATTERN = /^(sb_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function parseScopes(input: string | string[]): Scope[] {
  const list = (Array.isArray(input) ? input : input.split(",")).map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length || list.length === 0) {
    throw new AppError("validation_failed", `scopes: unknown or missing scope ${bad.join(", ") || "(none)"}; use ${SCOPES.join(", ")}`);
  }
  return [...new Set(list)] as Scope[];
}

/** Creates a key. The full key is returned here and never again: only its hash is stored. */
export async function createApiKey(
  db: Db,
  input: { accountId: string; name: string; scopes: Scope[]; createdBy?: { actorType: "member" | "api_key" | "system"; actorId?: string } },
) {
  if (!input.name.trim()) throw new AppError("validation_failed", "name: must not be empty");
  const prefix = `sb_${randomBytes(6).toString("hex")}`;
  const key = `${prefix}_${randomToken(32)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ accountId: input.accountId, name: input.name.trim(), prefix, secretHash: sha256(key), scopes: input.scopes })
    .returning();
  await recordAudit(db, {
    accountId: input.accountId,
    entityType: "api_key",
    entityId: row!.id,
    action: "api_key.created",
    actorType: input.createdBy?.actorType ?? "system",
    actorId: input.createdBy?.actorId,
    data: { prefix, scopes: input.scopes },
  });
  return { key, apiKey: publicKey(row!) };
}

export function publicKey(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

type KeyPrincipal = Extract<Principal, { kind: "api_key" }>;
type Cached = { principal: KeyPrincipal; until: number };

// Verified keys, briefly, per database: saves a query on every request of a busy agent. A key revoked in
// this process is dropped at once; other instances stop accepting it within API_KEY_CACHE_SECONDS. An
// expired entry is kept (until the cache is full) to serve while the database is unreachable.
const verified = new WeakMap<object, Map<string, Cached>>();
const MAX_CACHED = 10_000;

function keyCache(db: Db): Map<string, Cached> {
  let m = verified.get(db);
  if (!m) {
    m = new Map();
    verified.set(db, m);
  }
  return m;
}

/** Resolves a bearer token to its key's principal, or null. Revoked keys never resolve. */
export async function verifyApiKey(
  { db, config }: Pick<Deps, "db" | "config">,
  token: string,
  cacheMs = config.API_KEY_CACHE_SECONDS * 1000,
): Promise<KeyPrincipal | null> {
  const m = KEY_PATTERN.exec(token);
  if (!m) return null;
  const hash = sha256(token);
  const cache = keyCache(db);
  const hit = cache.get(hash);
  if (hit && hit.until > Date.now()) return hit.principal;
  let principal: KeyPrincipal | null;
  try {
    const lookup = sharedLookup(db, hash, () => withDatabaseGuard(config, () => lookupKey(db, m[1]!, hash)));
    // With a previous verification to fall back on, a slow database does not hold the request for long.
    const result = hit ? await raceStale(lookup, hit.principal) : { principal: await lookup, fresh: true };
    if (!result.fresh) return result.principal; // not re-cached: the next request asks the database again
    principal = result.principal;
  } catch (e) {
    // Stale-if-error: while the database is unreachable a key this instance verified before keeps working
    // (nobody can revoke it meanwhile either: revoking is a database write).
    if (hit && (isDependencyDown(e, "database") || isDatabaseFault(e))) {
      log.warn({ keyPrefix: hit.principal.keyPrefix }, "database unreachable: accepted a previously verified API key");
      return hit.principal;
    }
    throw e;
  }
  if (principal && cacheMs > 0) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(hash, { principal, until: Date.now() + cacheMs });
  } else cache.delete(hash);
  return principal;
}

// Lookups in flight, per database: a burst of requests with one key (an agent fleet's peak) asks once, not once each.
const inFlight = new WeakMap<object, Map<string, Promise<KeyPrincipal | null>>>();

function sharedLookup(db: Db, hash: string, lookup: () => Promise<KeyPrincipal | null>): Promise<KeyPrincipal | null> {
  let m = inFlight.get(db);
  if (!m) {
    m = new Map();
    inFlight.set(db, m);
  }
  const running = m.get(hash);
  if (running) return running;
  const started = lookup().finally(() => m.delete(hash));
  m.set(hash, started);
  return started;
}

const STALE_AFTER_MS = 400;

/** The lookup's result, or the previously verified principal if the lookup takes longer than STALE_AFTER_MS. */
function raceStale(lookup: Promise<KeyPrincipal | null>, stale: KeyPrincipal): Promise<{ principal: KeyPrincipal | null; fresh: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ principal: KeyPrincipal; fresh: false }>(
    (resolve) => (timer = setTimeout(() => resolve({ principal: stale, fresh: false }), STALE_AFTER_MS)),
  );
  lookup.catch(() => {}); // settles later, through the breaker
  return Promise.race([lookup.then((principal) => ({ principal, fresh: true })), late]).finally(() => clearTimeout(timer));
}

async function lookupKey(db: Db, prefix: string, hash: string): Promise<KeyPrincipal | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
  if (!row || !safeEqual(hash, row.secretHash) || row.revokedAt) return null;
  // Keep last_used_at fresh without a write on every request.
  const staleBefore = new Date(Date.now() - 30_000);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
  }
  return { kind: "api_key", accountId: row.accountId, keyId: row.id, keyPrefix: row.prefix, scopes: row.scopes as Scope[] };
}

export async function listApiKeys(db: Db, accountId: string) {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(publicKey);
}

/** Revokes by id or visible prefix, within one account. */
export async function revokeApiKey(
  db: Db,
  input: { accountId: string; idOrPrefix: string; actor?: { actorType: "member" | "api_key" | "system"; actorId?: string } },
) {
  const isPrefix = input.idOrPrefix.startsWith("sb_");
  const where = and(
    eq(apiKeys.accountId, input.accountId),
    isPrefix ? eq(apiKeys.prefix, input.idOrPrefix.slice(0, 15)) : eq(apiKeys.id, input.idOrPrefix),
  );
  const wellFormed = isPrefix ? /^sb_[0-9a-f]{12}/.test(input.idOrPrefix) : isUuid(input.idOrPrefix);
  if (!wellFormed) throw new AppError("not_found", "No such API key.");
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(where, isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new AppError("not_found", "No such active API key.");
  for (const [hash, c] of keyCache(db)) if (c.principal.keyId === row.id) keyCache(db).delete(hash);
  await recordAudit(db, {
    accountId: input.accountId,
    entityType: "api_key",
    entityId: row.id,
    action: "api_key.revoked",
    actorType: input.actor?.actorType ?? "system",
    actorId: input.actor?.actorId,
  });
  return publicKey(row);
}
