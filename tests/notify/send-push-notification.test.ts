import type { Client } from "@modelcontextprotocol/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/settings/notifications/route";
import * as testRoute from "@/app/api/settings/notifications/test/route";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import { getConfig } from "@/lib/platform/config/env";
import { notificationAttempts, notifications } from "@/lib/adapters/db/schema";
import { runMaintenance } from "@/lib/composition/jobs/maintenance";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { callTool, connectInProcess } from "@/tests/support/in-process-mcp";
import { startNtfyStandin, type NtfyStandin } from "@/tests/support/ntfy-standin";

/**
 * send_push_notification through the official MCP client and the real /api/mcp handler, the settings
 * routes in-process, against a local ntfy stand-in that checks the JSON publish shape, auth and limits.
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let app: App;
let ntfy: NtfyStandin;
let sender: Client;
let noScope: Client;
let adminAuth: Record<string, string>;

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
const rowsFor = async (id: string) => ({
  row: (await app.deps.db.select().from(notifications).where(eq(notifications.id, id)))[0]!,
  attempts: await app.deps.db.select().from(notificationAttempts).where(eq(notificationAttempts.notificationId, id)),
});

beforeAll(async () => {
  ntfy = await startNtfyStandin();
  app = await startApp();
  adminAuth = await app.credential("admin key");
  const key = async (scopes: Parameters<typeof createApiKey>[1]["scopes"]) =>
    (await createApiKey(app.deps.db, { accountId: app.accountA.id, name: "notify test", scopes })).key;
  sender = await connectInProcess({ authorization: `Bearer ${await key(["notify:send"])}` });
  noScope = await connectInProcess({ authorization: `Bearer ${await key(["weather:read"])}` });
}, 120_000);
afterAll(async () => {
  await sender?.close();
  await noScope?.close();
  await app?.close();
  await ntfy?.close();
});
beforeEach(() => {
  ntfy.published.length = 0;
  ntfy.requests.length = 0;
});

describe("send_push_notification", () => {
  it("is listed with input and output schemas; without a topic it says it is not set up (a sentence, not an error)", async () => {
    const { tools } = await sender.listTools();
    const t = tools.find((x) => x.name === "send_push_notification");
    expect(t?.outputSchema?.properties).toHaveProperty("message");
    const r = await callTool(sender, "send_push_notification", { message: "Hello" });
    expect(r.isError).toBe(false);
    expect(r.structured).toMatchObject({ status: "not_configured" });
    expect(Object.keys(r.structured!)[0]).toBe("message");
    expect(ntfy.requests).toHaveLength(0);
  });

  it("settings: admin sets server, topics and a write-only token (never returned)", async () => {
    const put = await call(settingsRoute.PUT, "PUT", "/api/settings/notifications", {
      serverUrl: ntfy.url,
      defaultTopic: "switchboard-alerts",
      oncallTopic: "switchboard-oncall",
      accessToken: ntfy.token,
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      serverUrl: ntfy.url,
      defaultTopic: "switchboard-alerts",
      accessTokenSet: true,
      accessTokenLast4: ntfy.token!.slice(-4),
    });
    const got = await call(settingsRoute.GET, "GET", "/api/settings/notifications");
    expect(JSON.stringify(got.json)).not.toContain(ntfy.token);
    const bad = await call(settingsRoute.PUT, "PUT", "/api/settings/notifications", { defaultTopic: "not a topic!", serverUrl: "ftp://x" });
    expect(bad.status).toBe(422);
    expect(String((bad.json.error as { message: string }).message)).toMatch(/serverUrl: .*defaultTopic: /);
  });

  it("publishes JSON to the server root with the Bearer token; non-ASCII title, tags, priority, click intact; says sent", async () => {
    const r = await callTool(sender, "send_push_notification", {
      message: "Table for 4 at 19:30 confirmed",
      title: "Réservation ✓ — Café Zoë",
      priority: 4,
      tags: ["tada", "fork_and_knife"],
      clickUrl: "https://example.com/bookings/42",
    });
    expect(r.structured).toMatchObject({ status: "sent", topic: "switchboard-alerts" });
    expect(r.structured!.message).toMatch(/^Sent/);
    expect(ntfy.requests).toHaveLength(1);
    expect(ntfy.requests[0]).toMatchObject({
      method: "POST",
      path: "/",
      status: 200,
      authorization: `Bearer ${ntfy.token}`,
      contentType: "application/json",
    });
    expect(ntfy.requests[0]!.body).toEqual({
      topic: "switchboard-alerts",
      message: "Table for 4 at 19:30 confirmed",
      title: "Réservation ✓ — Café Zoë",
      priority: 4,
      tags: ["tada", "fork_and_knife"],
      click: "https://example.com/bookings/42",
    });
    const { row, attempts } = await rowsFor(r.structured!.notificationId as string);
    expect(row).toMatchObject({ status: "sent", attempts: 1, kind: "tool" });
    expect(row.ntfyMessageId).toBe(ntfy.published[0]!.id);
    expect(attempts.map((a) => a.statusCode)).toEqual([200]);
  });

  it("a message over 4,096 bytes is refused naming the field; exactly 4,096 bytes goes through", async () => {
    const tooLong = await callTool(sender, "send_push_notification", { message: "é".repeat(2049) });
    expect(tooLong.isError).toBe(true);
    expect(tooLong.text).toMatch(/message/);
    const fits = await callTool(sender, "send_push_notification", { message: "é".repeat(2048) });
    expect(fits.structured).toMatchObject({ status: "sent" });
    expect(ntfy.requests).toHaveLength(1);
  });

  it("a short 429 (Retry-After: 1) is waited through in-line: sent, both attempts recorded", async () => {
    ntfy.rateLimitNext(1, 1);
    const r = await callTool(sender, "send_push_notification", { message: "Rate limited once", topic: "other-topic" });
    expect(r.structured).toMatchObject({ status: "sent", topic: "other-topic" });
    const { attempts } = await rowsFor(r.structured!.notificationId as string);
    expect(attempts.map((a) => a.statusCode)).toEqual([429, 200]);
  });

  it('a long 429 → "queued, will retry"; the maintenance job delivers it once Retry-After has passed', async () => {
    ntfy.rateLimitNext(1, 3);
    const r = await callTool(sender, "send_push_notification", { message: "Queued then delivered" });
    expect(r.structured).toMatchObject({ status: "queued" });
    expect(r.structured!.message).toMatch(/queued .* retrying/);
    const id = r.structured!.notificationId as string;
    expect(new Date(r.structured!.nextAttemptAt as string).getTime()).toBeGreaterThanOrEqual(Date.now() + 1000);
    await runMaintenance({ ...app.deps, config: getConfig() }); // not due yet: nothing is sent early
    expect(ntfy.published).toHaveLength(0);
    const until = Date.now() + 30_000;
    while ((await rowsFor(id)).row.status === "pending" && Date.now() < until) {
      await new Promise((res) => setTimeout(res, 500));
      await runMaintenance({ ...app.deps, config: getConfig() });
    }
    const { row, attempts } = await rowsFor(id);
    expect(row.status).toBe("sent");
    expect(attempts.map((a) => a.statusCode)).toEqual([429, 200]);
    expect(ntfy.published.map((p) => p.message)).toEqual(["Queued then delivered"]);
  });

  it("a rejected token → failed with a sentence; a key without notify:send is refused naming the scope", async () => {
    await call(settingsRoute.PUT, "PUT", "/api/settings/notifications", { accessToken: "tk_wrongwrongwrongwrongwrongwron" });
    const r = await callTool(sender, "send_push_notification", { message: "Will be refused" });
    expect(r.structured).toMatchObject({ status: "failed" });
    expect(r.structured!.message).toMatch(/couldn't be sent/);
    await call(settingsRoute.PUT, "PUT", "/api/settings/notifications", { accessToken: ntfy.token });
    const denied = await callTool(noScope, "send_push_notification", { message: "x" });
    expect(denied.isError).toBe(true);
    expect(denied.text).toMatch(/lacks the notify:send scope/);
  });

  it("the settings' test button publishes to the chosen topic", async () => {
    const r = await call(testRoute.POST, "POST", "/api/settings/notifications/test", { topic: "oncall" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: "sent", topic: "switchboard-oncall" });
    expect(ntfy.published[0]).toMatchObject({ topic: "switchboard-oncall", title: "Switchboard test notification" });
  });
});
