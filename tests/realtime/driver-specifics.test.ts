/**
 * What the contract does not cover: SSE resumes by Last-Event-ID without a refetch, sends heartbeats and lets go of
 * a closed stream; the Supabase client swaps its token before it expires and the new one reaches the channel.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createSession } from "@/lib/domains/auth/sessions";
import type { Principal } from "@/lib/domains/auth/principal";
import { connectRealtime } from "@/lib/adapters/realtime/client/connect";
import { getRealtimeClientConfig } from "@/lib/domains/realtime/client-config";
import type { RealtimeEvent, RealtimeStatus } from "@/lib/adapters/realtime/events";
import { publishCaseEvent } from "@/lib/adapters/realtime/publish-case-event";
import { hubListenerCount } from "@/lib/adapters/realtime/sse/account-hub";
import { startRealtimeRoutes } from "@/tests/support/realtime-routes-server";
import { startSupabaseRealtimeStandin, type SupabaseStandin } from "@/tests/support/supabase-realtime-standin";
import { createTestDeps, type TestDeps } from "@/tests/support/test-deps";
import { createTenant } from "@/tests/support/fixtures";
import { sleep, waitFor } from "@/tests/hitl/helpers";

const memberId = (p: Principal) => (p as Extract<Principal, { kind: "member" }>).memberId;

describe("SSE specifics", () => {
  let deps: TestDeps;
  let routes: Awaited<ReturnType<typeof startRealtimeRoutes>>;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let cookie: string;
  beforeAll(async () => {
    deps = await createTestDeps({ REALTIME_SSE_HEARTBEAT_SECONDS: "1" });
    routes = await startRealtimeRoutes(deps);
    t = await createTenant(deps.db);
    cookie = `sb_session=${(await createSession(deps, memberId(t.operator))).token}`;
  });
  afterAll(async () => {
    await routes?.close();
    await deps?.close();
  });
  const publish = (caseId: string) => publishCaseEvent(deps, { type: "case.created", accountId: t.account.id, caseId, status: "open" });

  it("a reconnect with Last-Event-ID replays what was missed, with no resync", async () => {
    const events: RealtimeEvent[] = [];
    const statuses: RealtimeStatus[] = [];
    const conn = connectRealtime(
      { driver: "sse", url: "/api/events", heartbeatMs: 1000, headers: { cookie } },
      { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) },
      { baseUrl: routes.baseUrl },
    );
    try {
      await waitFor(() => statuses.at(-1) === "live");
      await publish("c1");
      await waitFor(() => events.some((e) => e.type !== "resync" && e.caseId === "c1"));
      routes.dropConnections();
      await waitFor(() => statuses.includes("reconnecting"));
      await publish("c2"); // while the browser is away
      await waitFor(() => events.some((e) => e.type !== "resync" && e.caseId === "c2"), 10_000);
      expect(events.map((e) => (e.type === "resync" ? "resync" : e.caseId))).toEqual(["resync", "c1", "c2"]);
    } finally {
      conn.close();
    }
  });

  it("an unknown Last-Event-ID gets a resync; heartbeats arrive; a closed stream leaves the hub", async () => {
    const abort = new AbortController();
    const res = await fetch(`${routes.baseUrl}/api/events`, { headers: { cookie, "last-event-id": "not-an-event" }, signal: abort.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!/: ping/.test(text)) text += (await reader.read()).value ?? "";
    expect(text).toMatch(/^retry: 2000$/m);
    expect(text).toMatch(/^event: resync$/m);
    expect(hubListenerCount(deps.bus, t.account.id)).toBe(1);
    abort.abort();
    await waitFor(() => hubListenerCount(deps.bus, t.account.id) === 0);
  });
});

describe("Supabase token refresh", () => {
  let standin: SupabaseStandin;
  let deps: TestDeps;
  let routes: Awaited<ReturnType<typeof startRealtimeRoutes>>;
  beforeAll(async () => {
    standin = await startSupabaseRealtimeStandin();
    deps = await createTestDeps(standin.env);
    routes = await startRealtimeRoutes(deps);
  });
  afterAll(async () => {
    await routes?.close();
    await deps?.close();
    await standin?.close();
  });

  it("a token close to expiry is replaced from our endpoint and pushed to the joined channel; a signed-out refresh is denied", async () => {
    const t = await createTenant(deps.db);
    const cookie = `sb_session=${(await createSession(deps, memberId(t.operator))).token}`;
    const base = getRealtimeClientConfig(t.operator, deps.config);
    if (base.driver !== "supabase") throw new Error("expected supabase");
    const statuses: RealtimeStatus[] = [];
    // A token inside the refresh window (and unusable: the stand-in would refuse it) — joining proves a fresh one was fetched.
    const origin = routes.baseUrl; // browsers send Origin on POST; cookie-authenticated writes require it
    const conn = connectRealtime(
      { ...base, accessToken: "stale", expiresAt: Math.floor(Date.now() / 1000) + 30, headers: { cookie, origin } },
      { onEvent: () => {}, onStatus: (s) => statuses.push(s) },
      { baseUrl: routes.baseUrl, webSocket: WebSocket },
    );
    try {
      await waitFor(() => statuses.at(-1) === "live", 10_000);
      const joined = standin.seen.joins.filter((j) => j.topic === `realtime:account:${t.account.id}`);
      expect(joined.at(-1)).toMatchObject({ ok: true, accountId: t.account.id });
    } finally {
      conn.close();
    }
    const denied: RealtimeStatus[] = [];
    const signedOut = connectRealtime(
      { ...base, expiresAt: 0, headers: { cookie: "sb_session=gone", origin: routes.baseUrl } },
      { onEvent: () => {}, onStatus: (s) => denied.push(s) },
      { baseUrl: routes.baseUrl, webSocket: WebSocket },
    );
    try {
      await waitFor(() => denied.includes("denied"), 10_000);
      await sleep(200);
      expect(denied).not.toContain("live");
    } finally {
      signedOut.close();
    }
  });
});
