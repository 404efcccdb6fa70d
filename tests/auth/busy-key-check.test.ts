/**
 * A key we could not check is not a bad key. When the database is busy (the pool is taken and the queue
 * time-out passes) or cut while an API key is being verified, /api/mcp and the REST API answer 503 with
 * Retry-After — never 401, which tells an agent (and an OAuth-capable MCP client) that its key is wrong and
 * sends it to re-authenticate. Counts status codes; nothing is timed. Needs PostgreSQL: the breaker and the
 * bulkhead of the key check guard only it (PGlite is in-process).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import * as mcpRoute from "@/app/api/mcp/route";
import * as casesRoute from "@/app/api/cases/route";
import { openDatabase, type Database } from "@/lib/adapters/db/client";
import { createMemoryKv } from "@/lib/adapters/kv/memory";
import { createMemoryBus } from "@/lib/adapters/events/memory";
import { createAccount } from "@/lib/domains/accounts/accounts";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import { provideProcessDeps, resetProcessDeps } from "@/lib/composition/deps";
import { resetConfig } from "@/lib/platform/config/env";
import { createTestDatabase } from "@/tests/support/test-deps";
import { startTcpProxy, type TcpProxy } from "@/tests/support/tcp-proxy";

const BASE = "http://127.0.0.1:3000";
const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "busy-key-check", version: "1" } },
};

const mcp = (mcpRoute as unknown as { POST: (req: Request) => Promise<Response> }).POST;
const cases = (casesRoute as unknown as { GET: (req: Request) => Promise<Response> }).GET;

const mcpInitialize = (key: string) =>
  mcp(
    new Request(`${BASE}/api/mcp`, {
      method: "POST",
      headers: {
        host: "127.0.0.1:3000",
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify(INITIALIZE),
    }),
  );
const listCases = (key: string) =>
  cases(new Request(`${BASE}/api/cases`, { headers: { host: "127.0.0.1:3000", authorization: `Bearer ${key}` } }));

// skipIf: the database guard exists only for PostgreSQL (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)("an API key that cannot be checked right now", () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: TcpProxy;
  let app: Database;
  let accountId: string;
  const savedEnv = { ...process.env };
  /** A key never verified by this process, so no cached verification can answer for it. */
  const newKey = async () =>
    (await createApiKey(fresh.database.db, { accountId, name: `k${Math.random()}`, scopes: ["hitl:ask", "hitl:answer"] })).key;

  beforeAll(async () => {
    fresh = await createTestDatabase();
    accountId = (await createAccount(fresh.database.db, { name: "Busy key check" })).account.id;
    const direct = new URL(fresh.url!);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(fresh.url!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    // The app on a pool of one connection, reaching PostgreSQL through the proxy, with the shortest queue time-out.
    Object.assign(process.env, {
      LOG_LEVEL: "silent",
      APP_URL: BASE,
      DATABASE_URL: viaProxy.toString(),
      REDIS_URL: "",
      DATABASE_POOL_MAX: "1",
      DATABASE_CONNECT_TIMEOUT_SECONDS: "1",
      HITL_DB_TIMEOUT_MS: "100",
      HITL_QUEUE_TIMEOUT_MS: "100",
      API_RATE_LIMIT_PER_MINUTE: "100000",
    });
    resetConfig();
    resetProcessDeps();
    app = await openDatabase({ url: viaProxy.toString(), poolMax: 1, connectTimeoutSeconds: 1 });
    provideProcessDeps({ database: app, kv: createMemoryKv(), bus: createMemoryBus() });
  }, 60_000);
  afterAll(async () => {
    process.env = savedEnv;
    resetConfig();
    resetProcessDeps();
    await app?.close();
    await proxy?.close();
    await fresh?.drop();
  });

  it("a healthy database checks the key as usual (the set-up works)", async () => {
    const key = await newKey();
    expect((await mcpInitialize(key)).status).toBe(200);
    expect((await listCases(key)).status).toBe(200);
    expect((await mcpInitialize(`sb_0123456789ab_${"x".repeat(43)}`)).status).toBe(401);
  });

  it("busy: the only connection is taken, so the check waits past its queue time-out → 503 + Retry-After, not 401", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const taken = new Promise<void>((r) => (holding = r));
    const tx = app.db.transaction(async (t) => {
      await t.execute(sql`select 1`);
      holding();
      await held;
    });
    try {
      await taken;
      const [viaMcp, viaRest] = await Promise.all([mcpInitialize(await newKey()), listCases(await newKey())]);
      for (const res of [viaMcp, viaRest]) {
        expect(res.status).toBe(503);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(res.headers.get("www-authenticate")).toBeNull();
      }
    } finally {
      release();
      await tx;
    }
  });

  it("down: PostgreSQL is cut → 503 + Retry-After, not 401; back up → 200", async () => {
    await proxy.cut("refuse");
    try {
      const [viaMcp, viaRest] = await Promise.all([mcpInitialize(await newKey()), listCases(await newKey())]);
      for (const res of [viaMcp, viaRest]) {
        expect(res.status).toBe(503);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(res.headers.get("www-authenticate")).toBeNull();
      }
    } finally {
      await proxy.restore();
    }
  });
});
