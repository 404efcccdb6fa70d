/**
 * Redis (kv and event bus) goes down under a running `next start`: a redis-server this test starts on its
 * own port, kills mid-run and restarts. Sign-in, REST, presence and ask_human must go on; health says
 * "degraded"; everything recovers by itself.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisProcess, type RedisProcess } from "../tests/support/redis-process";
import { api, structured } from "./support/api";
import { freshDatabaseEnv, startApp, type RunningApp } from "./support/app-server";
import { eventually, faultAppEnv, provisionTenant, timed, type FaultTenant } from "./support/fault-app";
import { connectLegacy, type McpTestClient } from "./support/mcp-clients";
import { login } from "./support/rest-helpers";

describe("Redis outage under the running app", () => {
  let redis: RedisProcess;
  let db: Awaited<ReturnType<typeof freshDatabaseEnv>>;
  let app: RunningApp;
  let t: FaultTenant;
  let agent: McpTestClient;
  let rest: ReturnType<typeof api>;

  beforeAll(async () => {
    redis = await startRedisProcess();
    db = await freshDatabaseEnv();
    const env = { ...db.env, ...faultAppEnv(), REDIS_URL: redis.url };
    t = provisionTenant(env);
    app = await startApp(env);
    rest = api(app.baseUrl);
    agent = await connectLegacy(app.baseUrl, t.agentKey);
    expect((await rest.heartbeat(t.answerKey)).status).toBe(200);
    await redis.stop();
  });
  afterAll(async () => {
    await agent?.close().catch(() => {});
    await app?.stop();
    await redis?.stop();
    await db?.drop();
  });

  it("/api/health says kv and event bus are degraded (200: requests are still served)", async () => {
    const health = await eventually(async () => {
      const r = await rest.call("GET", "/api/health");
      return r.json?.dependencies?.kv?.state === "degraded" ? r : null;
    }, "health to report kv degraded");
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: "degraded",
      dependencies: {
        database: { state: "up" },
        kv: { state: "degraded", driver: "redis" },
        eventBus: { state: "degraded", driver: "redis" },
      },
    });
    expect(health.json.dependencies.kv.fallback).toMatch(/per instance/);
  });

  it("an operator can still sign in, and REST requests with an API key still work — promptly", async () => {
    const signedIn = await timed(() => login(app.baseUrl, t.operatorEmail, t.operatorPassword));
    expect(signedIn.value.status).toBe(200);
    const listed = await timed(() => rest.call("GET", "/api/cases?status=open", { key: t.answerKey }));
    expect(listed.value.status).toBe(200);
    const presence = await rest.call("GET", "/api/presence", { key: t.answerKey });
    expect(presence.json).toMatchObject({ source: "database" });
    expect(presence.json.online).toBeGreaterThanOrEqual(1);
    // A few requests after the breaker opened: none waits on Redis (generous bound for a loaded machine).
    for (let i = 0; i < 5; i++) {
      const r = await timed(() => rest.call("GET", "/api/presence", { key: t.answerKey }));
      expect(r.value.status).toBe(200);
      expect(r.ms).toBeLessThan(1_500);
    }
  });

  it("ask_human waits and returns the answer an operator posts while Redis is down", async () => {
    const question = `Is the pool open today? ${randomUUID()}`;
    const pending = agent.callTool("ask_human", { question, callId: `call-${randomUUID()}`, timeoutSeconds: 30 });
    const c = await rest.waitForOpenCase(t.answerKey, (x) => x.question === question, 20_000);
    expect((await rest.answer(t.answerKey, c.id, "Yes, until 8 pm.")).status).toBe(201);
    const result = await pending;
    expect(result.isError).toBeFalsy();
    expect(structured(result)).toMatchObject({ status: "answered", caseId: c.id, answer: "Yes, until 8 pm." });
  });

  it("recovers by itself when Redis is back: health ok, presence from kv again", async () => {
    await redis.start();
    const health = await eventually(async () => {
      const r = await rest.call("GET", "/api/health");
      return r.json?.status === "ok" ? r : null;
    }, "health to be ok again");
    expect(health.json.dependencies).toMatchObject({ kv: { state: "up", breaker: "closed" }, eventBus: { state: "up" } });
    await eventually(async () => (await rest.heartbeat(t.answerKey)).json?.degraded === undefined, "heartbeats stored in kv again");
    expect((await rest.call("GET", "/api/presence", { key: t.answerKey })).json).toMatchObject({ online: 1, source: "kv" });
  });
});
