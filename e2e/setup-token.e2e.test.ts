/**
 * First run on a shared database (what production means here: DATABASE_URL, or Vercel): "the request came
 * from this machine" proves nothing, so /setup needs a one-time token from `switchboard setup-token`.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./support/api";
import { freshDatabaseEnv, startApp, type RunningApp } from "./support/app-server";
import { runCli } from "./support/first-run-app";

// skipIf: needs a PostgreSQL server (DATABASE_URL, as in CI); the embedded database is the case where loopback
// suffices, covered by e2e/first-run.e2e.test.ts.
describe.skipIf(!process.env.DATABASE_URL)("setup on a shared database needs a one-time token", () => {
  let db: Awaited<ReturnType<typeof freshDatabaseEnv>>;
  let env: Record<string, string>;
  let app: RunningApp;
  // One retry when the client's pooled keep-alive socket was closed by the server while idle (the CLI runs for
  // seconds between requests): the request never reached the app, so sending it again is the same request.
  const setup = async (body: Record<string, unknown>) => {
    const send = () => api(app.baseUrl).call("POST", "/api/setup", { body, headers: { origin: app.baseUrl } });
    return send().catch((e: Error & { cause?: { code?: string } }) => {
      if (e.cause?.code !== "UND_ERR_SOCKET") throw e;
      return send();
    });
  };

  beforeAll(async () => {
    db = await freshDatabaseEnv();
    env = { ...db.env, SEED_DEMO: "false", KV_PREFIX: `sbsetup:${randomBytes(4).toString("hex")}:`, LOG_LEVEL: "warn" };
    app = await startApp(env);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it("refuses setup from loopback without a token, or with a wrong one, and the page asks for one", async () => {
    const page = await fetch(`${app.baseUrl}/setup`).then((r) => r.text());
    expect(page).toContain("Setup token");
    expect(page).toContain("switchboard setup-token");
    const none = await setup({ email: "ana@prod.test", password: "long enough password" });
    expect(none.status).toBe(403);
    expect(none.json.error.message).toMatch(/token: required/);
    const wrong = await setup({ email: "ana@prod.test", password: "long enough password", token: "setup_not-a-real-token" });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.message).toMatch(/not a valid setup token/);
  });

  it("a token from the CLI creates the first admin once; then setup and new tokens are refused", async () => {
    const issued = runCli(env, "setup-token");
    expect(issued.code, issued.stderr).toBe(0);
    const token = issued.stdout.trim();
    expect(token).toMatch(/^setup_[A-Za-z0-9_-]{32}$/);
    const done = await setup({ email: "ana@prod.test", password: "long enough password", token });
    expect(done.status).toBe(201);
    expect(done.json.member).toMatchObject({ email: "ana@prod.test", role: "admin" });
    expect(done.headers.get("set-cookie")).toMatch(/^sb_session=/);
    expect((await api(app.baseUrl).call("GET", "/api/presence", { key: done.json.apiKey.key })).status).toBe(200);
    const reused = await setup({ email: "eve@prod.test", password: "long enough password", token });
    expect(reused.status).toBe(409);
    const second = runCli(env, "setup-token");
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already set up/);
  });
});
