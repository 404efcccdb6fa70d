import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createApiKey, revokeApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { apiKeys } from "@/lib/adapters/db/schema";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";

describe("verified-key cache", () => {
  let deps: TestDeps;
  let accountId: string;
  beforeAll(async () => {
    deps = await createTestDeps();
    accountId = (await createTenant(deps.db)).account.id;
  });
  afterAll(async () => deps?.close());

  it("a key revoked through this process stops working at once", async () => {
    const { key, apiKey } = await createApiKey(deps.db, { accountId, name: "cached", scopes: ["hitl:ask"] });
    expect(await verifyApiKey(deps, key, 60_000)).not.toBeNull();
    await revokeApiKey(deps.db, { accountId, idOrPrefix: apiKey.prefix });
    expect(await verifyApiKey(deps, key, 60_000)).toBeNull();
  });

  it("a key revoked elsewhere (another instance) stops working once the cache entry ages out", async () => {
    const { key, apiKey } = await createApiKey(deps.db, { accountId, name: "elsewhere", scopes: ["hitl:ask"] });
    expect(await verifyApiKey(deps, key, 300)).not.toBeNull();
    // Another instance revokes: the row changes, this process's cache does not hear of it.
    await deps.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, apiKey.id));
    expect(await verifyApiKey(deps, key, 300)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 350));
    expect(await verifyApiKey(deps, key, 300)).toBeNull();
  });

  it("a wrong secret with a valid prefix is never served from the cache", async () => {
    const { key } = await createApiKey(deps.db, { accountId, name: "wrong", scopes: ["hitl:ask"] });
    expect(await verifyApiKey(deps, key, 60_000)).not.toBeNull();
    const forged = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    expect(await verifyApiKey(deps, forged, 60_000)).toBeNull();
  });
});
