/**
 * Realtime on the built app: /api/events (SSE, the default driver) streams an account's case events to its
 * members and no one else; and a second instance with REALTIME_DRIVER=pusher delivers the same events
 * through the Pusher stand-in to pusher-js, authorizing channels at our own endpoint.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectRealtime } from "@/lib/adapters/realtime/client/connect";
import type { RealtimeClientConfig, RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";
import { api } from "./support/api";
import { connectModern } from "./support/mcp-clients";
import { login, sleep } from "./support/rest-helpers";
import { startPusherApp } from "./support/realtime-standins";

const { baseUrl, a, b, appEnv } = inject("e2e");

function watch(config: RealtimeClientConfig, base: string) {
  const events: RealtimeEvent[] = [];
  const statuses: RealtimeStatus[] = [];
  const conn = connectRealtime(config, { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) }, { baseUrl: base });
  const forCase = (id: string) => events.flatMap((e) => (e.type !== "resync" && e.caseId === id ? [e.type] : []));
  return { events, statuses, conn, forCase };
}

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(25);
  }
}

describe("realtime: SSE on /api/events", () => {
  const sse = (cookie: string): RealtimeClientConfig => ({ driver: "sse", url: "/api/events", heartbeatMs: 15_000, headers: { cookie } });

  it("a case created over REST and MCP reaches tenant a's stream, never tenant b's", async () => {
    const [sa, sb] = await Promise.all([
      login(baseUrl, a.operatorEmail, a.operatorPassword),
      login(baseUrl, b.operatorEmail, b.operatorPassword),
    ]);
    const wa = watch(sse(sa.cookie), baseUrl);
    const wb = watch(sse(sb.cookie), baseUrl);
    try {
      await until(() => wa.statuses.at(-1) === "live" && wb.statuses.at(-1) === "live");
      const rest = api(baseUrl);
      const created = await rest.call("POST", "/api/cases", {
        key: a.agentKey,
        body: { question: "Can I bring my dog?", priority: 5, urgency: "high" },
      });
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      expect((await rest.call("POST", `/api/cases/${id}/claim`, { key: a.answerKey })).status).toBe(200);
      await until(() => wa.forCase(id).length >= 2);
      expect(wa.forCase(id)).toEqual(["case.created", "case.claimed"]);
      const claimed = wa.events.find((e) => e.type === "case.claimed" && e.caseId === id)!;
      expect(claimed).toMatchObject({ status: "claimed", priority: 5, urgency: "high", claimedBy: expect.any(String) });
      // Ids and queue fields only: the question never travels on the event stream.
      expect(JSON.stringify(wa.events)).not.toContain("dog");

      // ask_human over MCP (nobody online in tenant a's presence → returns at once, but the case exists and is announced).
      const mcp = await connectModern(baseUrl, a.agentKey);
      try {
        const r = await mcp.callTool("ask_human", { question: "MCP question for the stream", timeoutSeconds: 5 });
        const caseId = (r.structuredContent as { caseId?: string }).caseId!;
        expect(caseId).toBeTruthy();
        await until(() => wa.forCase(caseId).includes("case.created"));
      } finally {
        await mcp.close();
      }
      await sleep(300);
      expect(wb.events.filter((e) => e.type !== "resync")).toEqual([]);
    } finally {
      wa.conn.close();
      wb.conn.close();
    }
  });

  it("signed out is 401; a key without hitl:answer is 403; a member gets an event stream with retry and a resync", async () => {
    expect((await fetch(`${baseUrl}/api/events`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/events`, { headers: { cookie: "sb_session=not-a-session" } })).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/events`, { headers: { authorization: `Bearer ${a.agentKey}` } })).status).toBe(403);
    const s = await login(baseUrl, a.operatorEmail, a.operatorPassword);
    const abort = new AbortController();
    const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie: s.cookie }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toMatch(/no-transform/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("event: resync")) text += (await reader.read()).value ?? "";
    expect(text).toMatch(/^retry: \d+/m);
    abort.abort();
  });
});

describe.skipIf(!appEnv.DATABASE_URL)("realtime: a second instance with REALTIME_DRIVER=pusher (stand-in)", () => {
  // skipIf: a second instance must share the first one's database, which PGlite's locked directory cannot do.
  let pusher: Awaited<ReturnType<typeof startPusherApp>>;
  beforeAll(async () => {
    pusher = await startPusherApp(appEnv);
  }, 120_000);
  afterAll(async () => pusher?.stop());

  const channelOf = (accountId: string) => `private-account-${accountId}`;
  const config = (accountId: string, key: string): RealtimeClientConfig => ({
    driver: "pusher",
    key: pusher.standin.key,
    cluster: "mt1",
    wsHost: pusher.standin.host,
    wsPort: pusher.standin.port,
    forceTLS: false,
    channel: channelOf(accountId),
    authEndpoint: "/api/realtime/pusher/auth",
    headers: { authorization: `Bearer ${key}` },
  });

  it("pusher-js receives tenant a's case events (once each) and is refused tenant b's channel", async () => {
    const wa = watch(config(a.accountId, a.answerKey), pusher.app.baseUrl);
    const intruder = watch(config(a.accountId, b.answerKey), pusher.app.baseUrl);
    try {
      await until(() => wa.statuses.at(-1) === "live" && intruder.statuses.at(-1) === "denied");
      const created = await api(pusher.app.baseUrl).call("POST", "/api/cases", { key: a.agentKey, body: { question: "Via Pusher" } });
      expect(created.status).toBe(201);
      await until(() => wa.forCase(created.json.id).includes("case.created"));
      const triggered = pusher.standin.seen.events.filter((e) => e.data.includes(created.json.id));
      expect(triggered).toHaveLength(1);
      expect(triggered[0]!.channels).toEqual([channelOf(a.accountId)]);
      expect(triggered[0]!.data).not.toContain("Via Pusher");
      expect(intruder.events).toEqual([]);
    } finally {
      wa.conn.close();
      intruder.conn.close();
    }
  });

  it("the auth endpoint signs only the signed-in member's own channel", async () => {
    const s = await login(pusher.app.baseUrl, a.operatorEmail, a.operatorPassword);
    const post = (channel: string, headers: Record<string, string>) =>
      fetch(`${pusher.app.baseUrl}/api/realtime/pusher/auth`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ socket_id: "123.456", channel_name: channel }),
      });
    const ok = await post(channelOf(a.accountId), { cookie: s.cookie, origin: pusher.app.baseUrl });
    expect(ok.status).toBe(200);
    expect((await ok.json()).auth).toMatch(new RegExp(`^${pusher.standin.key}:[0-9a-f]{64}$`));
    expect((await post(channelOf(b.accountId), { cookie: s.cookie, origin: pusher.app.baseUrl })).status).toBe(403);
    expect((await post(channelOf(a.accountId), {})).status).toBe(401);
    // The SSE route still answers on this instance, but the browser config it hands out is Pusher's.
    expect(
      (
        await fetch(`${pusher.app.baseUrl}/api/realtime/supabase/token`, {
          method: "POST",
          headers: { cookie: s.cookie, origin: pusher.app.baseUrl },
        })
      ).status,
    ).toBe(404);
  });
});
