/**
 * PostgreSQL becomes unreachable under a running `next start`: the app talks to it through a TCP proxy this
 * test controls, which drops every connection and then swallows new ones (a blackhole — the hard case: no
 * error, just silence). ask_human must answer the FALLBACK_UNREACHABLE sentence promptly — never a
 * transport error — the breaker must open, and everything must recover by itself when the proxy forwards again.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/platform/config/env";
import { startTcpProxy, type TcpProxy } from "../tests/support/tcp-proxy";
import { api, structured } from "./support/api";
import { freshDatabaseEnv, startApp, type RunningApp } from "./support/app-server";
import { eventually, faultAppEnv, provisionTenant, timed, type FaultTenant } from "./support/fault-app";
import { connectLegacy, type McpTestClient } from "./support/mcp-clients";

const { FALLBACK_UNREACHABLE, FALLBACK_UNAVAILABLE } = parseConfig({});

// skipIf: PGlite runs inside the app process and cannot become unreachable; this needs PostgreSQL (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)("PostgreSQL unreachable under the running app", () => {
  let db: Awaited<ReturnType<typeof freshDatabaseEnv>>;
  let proxy: TcpProxy;
  let app: RunningApp;
  let t: FaultTenant;
  let agent: McpTestClient;
  let rest: ReturnType<typeof api>;
  const ask = () =>
    agent.callTool("ask_human", { question: `Do you deliver on Sundays? ${randomUUID()}`, timeoutSeconds: 10 }, { timeoutMs: 60_000 });

  beforeAll(async () => {
    db = await freshDatabaseEnv();
    t = provisionTenant(db.env);
    const real = new URL(db.env.DATABASE_URL!);
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const viaProxy = new URL(real);
    viaProxy.port = String(proxy.port);
    app = await startApp({
      ...faultAppEnv(),
      DATABASE_URL: viaProxy.toString(),
      SECRETS_ENCRYPTION_KEY: db.env.SECRETS_ENCRYPTION_KEY!,
      API_KEY_CACHE_SECONDS: "1",
      DATABASE_BREAKER_RESET_MS: "5000",
    });
    rest = api(app.baseUrl);
    agent = await connectLegacy(app.baseUrl, t.agentKey);
    // Healthy: nobody is online, so the agent hears the "nobody available" sentence at once.
    expect(structured(await ask())).toMatchObject({ status: "unavailable", message: FALLBACK_UNAVAILABLE });
    await proxy.cut("blackhole");
  });
  afterAll(async () => {
    await agent?.close().catch(() => {});
    await app?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it("ask_human answers FALLBACK_UNREACHABLE within about 2 s, then at once once the breaker is open", async () => {
    const calls: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { value, ms } = await timed(ask);
      expect(value.isError).toBeFalsy();
      expect(structured(value)).toMatchObject({ status: "unavailable", message: FALLBACK_UNREACHABLE });
      calls.push(ms);
    }
    // Designed for ≈1.4 s at worst (0.4 s stale-key race + 1 s breaker timeout); 2× headroom for a loaded machine.
    expect(Math.max(...calls), `call times ${calls.join(", ")} ms`).toBeLessThan(4_000);
    const health = await rest.call("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({
      status: "down",
      dependencies: { database: { state: "down", breaker: expect.stringMatching(/open/) } },
    });
    // With the breaker open nothing waits on the database: the fastest call is well under the timeout.
    expect(Math.min(...calls.slice(1)), `call times ${calls.join(", ")} ms`).toBeLessThan(900);
  });

  it("REST answers a JSON 503 naming the outage, not a 500", async () => {
    const r = await rest.call("GET", "/api/cases?status=open", { key: t.answerKey });
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ error: { code: "unavailable", message: expect.stringMatching(/database/) } });
  });

  it("recovers by itself when the database is reachable again", async () => {
    await proxy.restore();
    const health = await eventually(
      async () => {
        const r = await rest.call("GET", "/api/health");
        // The health probe also probes the breaker once its reset time has passed, closing it.
        return r.status === 200 && r.json.dependencies.database.breaker === "closed" ? r : null;
      },
      "health to be ok again",
      60_000,
    );
    expect(health.json.dependencies.database).toMatchObject({ state: "up", breaker: "closed" });
    const result = await eventually(
      async () => {
        const r = structured(await ask());
        return r.message === FALLBACK_UNAVAILABLE ? r : null;
      },
      "ask_human to reach the database again",
      60_000,
    );
    expect(result.caseId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
