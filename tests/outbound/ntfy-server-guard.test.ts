import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/settings/notifications/route";
import * as testRoute from "@/app/api/settings/notifications/test/route";
import { notifySettings } from "@/lib/adapters/db/schema";
import { resetConfig } from "@/lib/platform/config/env";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { startNtfyStandin, type NtfyStandin } from "@/tests/support/ntfy-standin";

/**
 * An account admin chooses the ntfy server, and Switchboard POSTs to it: through the outbound guard. The
 * stand-in on 127.0.0.1 stands for an internal service; with OUTBOUND_ALLOW_LOOPBACK off it is refused when
 * saved (422 naming serverUrl) and when sent to. And whatever the server answers, only its status is shown
 * back: an internal service's error text is not reflected through us.
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let app: App;
let ntfy: NtfyStandin;
let adminAuth: Record<string, string>;

const setLoopback = (on: boolean) => {
  process.env.OUTBOUND_ALLOW_LOOPBACK = on ? "true" : "false";
  resetConfig();
};
async function call(handler: unknown, method: string, path: string, body?: unknown) {
  const res = await (handler as Handler)(
    new Request(`${BASE}${path}`, {
      method,
      headers: { ...adminAuth, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  ntfy = await startNtfyStandin({ token: null });
  app = await startApp();
  adminAuth = await app.credential("admin key");
});
afterAll(async () => {
  await app?.close();
  await ntfy?.close();
});
beforeEach(() => {
  ntfy.requests.length = 0;
  setLoopback(false);
});

describe("ntfy serverUrl through the outbound guard", () => {
  it("saving a loopback or private server is a 422 naming serverUrl", async () => {
    for (const serverUrl of [ntfy.url, "http://169.254.169.254", "http://192.168.1.10:8080"]) {
      const put = await call(settingsRoute.PUT, "PUT", "/api/settings/notifications", { serverUrl, defaultTopic: "alerts" });
      expect(put.status, serverUrl).toBe(422);
      expect((put.json.error as { message: string }).message, serverUrl).toMatch(/^serverUrl: points at .*private or reserved address/);
    }
    expect(ntfy.requests).toHaveLength(0);
  });

  it("a server saved earlier that the guard refuses now is not sent to: the notification fails, saying why", async () => {
    const row = { serverUrl: ntfy.url, defaultTopic: "alerts" };
    await app.deps.db
      .insert(notifySettings)
      .values({ accountId: app.accountA.id, ...row })
      .onConflictDoUpdate({ target: notifySettings.accountId, set: row });
    const r = await call(testRoute.POST, "POST", "/api/settings/notifications/test", {});
    expect(r.json).toMatchObject({ status: "failed" });
    expect(String(r.json.error)).toMatch(/the ntfy server URL points at 127\.0\.0\.1, a private or reserved address/);
    expect(ntfy.requests).toHaveLength(0);
  });

  it("the server's own error text is never reflected, only its status", async () => {
    setLoopback(true);
    const put = await call(settingsRoute.PUT, "PUT", "/api/settings/notifications", { serverUrl: ntfy.url, defaultTopic: "alerts" });
    expect(put.status).toBe(200);
    ntfy.failNext(1, 400);
    const r = await call(testRoute.POST, "POST", "/api/settings/notifications/test", {});
    expect(r.json).toMatchObject({ status: "failed", error: "ntfy answered HTTP 400" });
    expect(JSON.stringify(r.json)).not.toContain("stand-in failure");
    expect(ntfy.requests).toHaveLength(1);
  });
});
