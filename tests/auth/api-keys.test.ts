import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, listApiKeys, parseScopes, revokeApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { sha256 } from "@/lib/domains/auth/secrets";
import { apiKeys, auditLog } from "@/lib/adapters/db/schema";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { expectAppError, sleep } from "@/tests/hitl/helpers";

describe("API keys", () => {
  let deps: TestDeps;
  let accountId: string;
  let otherAccountId: string;

  beforeAll(async () => {
    deps = await createTestDeps();
    accountId = (await createAccount(deps.db, { name: "Keys Inc" })).account.id;
    otherAccountId = (await createAccount(deps.db, { name: "Other Inc" })).account.id;
  });
  afterAll(async () => {
    await deps?.close();
  });

  const rowOf = async (id: string) => (await deps.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!;

  it("createApiKey returns the full key once; only its SHA-256 hash is stored", async () => {
    const { key, apiKey } = await createApiKey(deps.db, { accountId, name: "  voice agent  ", scopes: ["hitl:ask"] });
    expect(key).toMatch(/^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      name: "voice agent",
      prefix: key.slice(0, 15),
      scopes: ["hitl:ask"],
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(apiKey)).not.toContain(key.slice(16));

    const row = await rowOf(apiKey.id);
    expect(row.secretHash).toBe(sha256(key));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(16));

    const listed = await listApiKeys(deps.db, accountId);
    expect(listed.map((k) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(key.slice(16));
    expect(JSON.stringify(listed)).not.toContain(row.secretHash);

    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.entityId, apiKey.id));
    expect(audit[0]).toMatchObject({ action: "api_key.created", data: { prefix: apiKey.prefix, scopes: ["hitl:ask"] } });
    expect(JSON.stringify(audit)).not.toContain(key.slice(16));
  });

  it("two keys never share a prefix or a secret", async () => {
    const a = await createApiKey(deps.db, { accountId, name: "a", scopes: ["hitl:ask"] });
    const b = await createApiKey(deps.db, { accountId, name: "b", scopes: ["hitl:ask"] });
    expect(a.apiKey.prefix).not.toBe(b.apiKey.prefix);
    expect(a.key.slice(16)).not.toBe(b.key.slice(16));
  });

  it("rejects an empty name", async () => {
    await expectAppError(createApiKey(deps.db, { accountId, name: "   ", scopes: ["hitl:ask"] }), "validation_failed", /^name:/);
  });

  it("verifyApiKey resolves the right key to its principal", async () => {
    const { key, apiKey } = await createApiKey(deps.db, { accountId, name: "bridge", scopes: ["hitl:answer", "hitl:ask"] });
    expect(await verifyApiKey(deps, key)).toEqual({
      kind: "api_key",
      accountId,
      keyId: apiKey.id,
      keyPrefix: apiKey.prefix,
      scopes: ["hitl:answer", "hitl:ask"],
    });
  });

  it("a wrong secret with the right prefix, a malformed token or an unknown prefix resolves to null", async () => {
    const { key } = await createApiKey(deps.db, { accountId, name: "target", scopes: ["hitl:ask"] });
    const secret = key.slice(16);
    const flipped = (secret[0] === "A" ? "B" : "A") + secret.slice(1);
    expect(await verifyApiKey(deps, `${key.slice(0, 16)}${flipped}`)).toBeNull();
    expect(await verifyApiKey(deps, `${key}x`)).toBeNull();
    expect(await verifyApiKey(deps, key.slice(0, 15))).toBeNull();
    expect(await verifyApiKey(deps, `sb_000000000000_${secret}`)).toBeNull();
    expect(await verifyApiKey(deps, "")).toBeNull();
    expect(await verifyApiKey(deps, key)).not.toBeNull(); // control
  });

  it("sets last_used_at when the key is used", async () => {
    const { key, apiKey } = await createApiKey(deps.db, { accountId, name: "fresh", scopes: ["hitl:ask"] });
    expect((await rowOf(apiKey.id)).lastUsedAt).toBeNull();
    const before = Date.now();
    await verifyApiKey(deps, key);
    const used = (await rowOf(apiKey.id)).lastUsedAt;
    expect(used).toBeInstanceOf(Date);
    expect(used!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(used!.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it("a revoked key (by prefix or by id) never resolves again; revoking twice is not_found", async () => {
    const byPrefix = await createApiKey(deps.db, { accountId, name: "old", scopes: ["hitl:ask"] });
    const byId = await createApiKey(deps.db, { accountId, name: "older", scopes: ["hitl:ask"] });
    expect(await verifyApiKey(deps, byPrefix.key)).not.toBeNull();

    const revoked = await revokeApiKey(deps.db, { accountId, idOrPrefix: byPrefix.apiKey.prefix });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await revokeApiKey(deps.db, { accountId, idOrPrefix: byId.apiKey.id });
    await sleep(5);
    expect(await verifyApiKey(deps, byPrefix.key)).toBeNull();
    expect(await verifyApiKey(deps, byId.key)).toBeNull();
    await expectAppError(revokeApiKey(deps.db, { accountId, idOrPrefix: byPrefix.apiKey.prefix }), "not_found");
  });

  it("one account cannot revoke another account's key", async () => {
    const { key, apiKey } = await createApiKey(deps.db, { accountId, name: "mine", scopes: ["hitl:ask"] });
    await expectAppError(revokeApiKey(deps.db, { accountId: otherAccountId, idOrPrefix: apiKey.prefix }), "not_found");
    await expectAppError(revokeApiKey(deps.db, { accountId: otherAccountId, idOrPrefix: apiKey.id }), "not_found");
    expect(await verifyApiKey(deps, key)).not.toBeNull();
    expect(await listApiKeys(deps.db, otherAccountId)).toEqual([]);
  });

  it("parseScopes accepts known scopes (deduplicated) and rejects unknown or missing ones, naming them", async () => {
    expect(parseScopes("hitl:ask, hitl:answer,hitl:ask")).toEqual(["hitl:ask", "hitl:answer"]);
    expect(parseScopes(["admin"])).toEqual(["admin"]);
    expect(() => parseScopes("hitl:ask,hitl:delete")).toThrow(/scopes: .*hitl:delete/);
    expect(() => parseScopes("")).toThrow(/scopes: .*\(none\)/);
    expect(() => parseScopes([" , "])).toThrow(/scopes:/);
    await expectAppError(() => parseScopes("root"), "validation_failed", /root/);
  });
});
