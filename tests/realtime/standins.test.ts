/**
 * The stand-ins must refuse what the real services refuse, or the contract proves nothing: forged Pusher
 * signatures, unsigned or mis-signed HTTP API calls, old protocols; Supabase joins with another account's,
 * expired or unsigned tokens, and broadcasts without the service role.
 */
import { createHmac } from "node:crypto";
import Pusher from "pusher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startPusherStandin, type PusherStandin } from "@/tests/support/pusher-standin";
import { signJwt, startSupabaseRealtimeStandin, type SupabaseStandin } from "@/tests/support/supabase-realtime-standin";

type Msg = Record<string, any>;

/** A raw websocket that collects parsed frames. */
async function rawSocket(url: string, decode: (raw: string) => Msg = JSON.parse) {
  const ws = new WebSocket(url);
  const frames: Msg[] = [];
  ws.on("message", (d) => frames.push(decode(String(d))));
  await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
  const next = async (pred: (m: Msg) => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    for (;;) {
      const f = frames.find(pred);
      if (f) return f;
      if (Date.now() > end) throw new Error(`no matching frame in ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { ws, frames, next, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}

describe("Pusher stand-in", () => {
  let p: PusherStandin;
  beforeAll(async () => void (p = await startPusherStandin()));
  afterAll(async () => p?.close());
  const wsUrl = (protocol = 7, key = "standin-key") =>
    `ws://127.0.0.1:${p.port}/app/${key}?protocol=${protocol}&client=js&version=8.6.0&flash=false`;

  it("signs subscriptions with HMAC-SHA256(secret, socket_id:channel); a forged one gets pusher:error and no events", async () => {
    const s = await rawSocket(wsUrl());
    const est = await s.next((m) => m.event === "pusher:connection_established");
    const { socket_id, activity_timeout } = JSON.parse(est.data);
    expect(socket_id).toMatch(/^\d+\.\d+$/);
    expect(activity_timeout).toBeGreaterThan(0);
    s.send({ event: "pusher:subscribe", data: { channel: "private-account-x", auth: `standin-key:${"0".repeat(64)}` } });
    const err = await s.next((m) => m.event === "pusher:error");
    expect(err.data.message).toMatch(/^Invalid signature/);
    const good = createHmac("sha256", "standin-secret").update(`${socket_id}:private-account-y`).digest("hex");
    s.send({ event: "pusher:subscribe", data: { channel: "private-account-y", auth: `standin-key:${good}` } });
    await s.next((m) => m.event === "pusher_internal:subscription_succeeded" && m.channel === "private-account-y");
    s.send({ event: "pusher:ping", data: {} });
    await s.next((m) => m.event === "pusher:pong");

    const server = new Pusher({
      appId: "4242",
      key: "standin-key",
      secret: "standin-secret",
      host: "127.0.0.1",
      port: String(p.port),
      useTLS: false,
    });
    await server.trigger(["private-account-x", "private-account-y"], "case-event", { n: 1 });
    const delivered = await s.next((m) => m.event === "case-event");
    expect(delivered).toMatchObject({ channel: "private-account-y" });
    expect(JSON.parse(delivered.data)).toEqual({ n: 1 });
    expect(s.frames.filter((m) => m.event === "case-event")).toHaveLength(1);

    s.send({ event: "pusher:unsubscribe", data: { channel: "private-account-y" } });
    await new Promise((r) => setTimeout(r, 50));
    await server.trigger("private-account-y", "case-event", { n: 2 });
    await new Promise((r) => setTimeout(r, 100));
    expect(s.frames.filter((m) => m.event === "case-event")).toHaveLength(1);
    s.ws.close();
  });

  it("refuses an unknown app key (4001) and protocols before 7 (4007)", async () => {
    const wrongKey = await rawSocket(wsUrl(7, "nope"));
    expect((await wrongKey.next((m) => m.event === "pusher:error")).data.code).toBe(4001);
    const old = await rawSocket(wsUrl(6));
    expect((await old.next((m) => m.event === "pusher:error")).data.code).toBe(4007);
  });

  it("rejects HTTP API calls signed with the wrong secret or with a tampered body", async () => {
    const wrong = new Pusher({
      appId: "4242",
      key: "standin-key",
      secret: "not-the-secret",
      host: "127.0.0.1",
      port: String(p.port),
      useTLS: false,
    });
    await expect(wrong.trigger("private-account-x", "case-event", {})).rejects.toMatchObject({ status: 401 });
    expect(p.seen.rejectedHttp.at(-1)).toEqual({ status: 401, reason: "Invalid signature" });
    const q = new URLSearchParams({
      auth_key: "standin-key",
      auth_timestamp: String(Math.floor(Date.now() / 1000)),
      auth_version: "1.0",
      body_md5: "0".repeat(32),
      auth_signature: "x",
    });
    const res = await fetch(`http://127.0.0.1:${p.port}/apps/4242/events?${q}`, {
      method: "POST",
      body: '{"name":"e","data":"{}","channels":["c"]}',
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/body_md5/);
  });
});

describe("Supabase Realtime stand-in", () => {
  let s: SupabaseStandin;
  beforeAll(async () => void (s = await startSupabaseRealtimeStandin()));
  afterAll(async () => s?.close());
  const v2 = (raw: string) => {
    const [join_ref, ref, topic, event, payload] = JSON.parse(raw);
    return { join_ref, ref, topic, event, payload };
  };
  const token = (claims: Record<string, unknown>) =>
    signJwt(s.jwtSecret, { role: "authenticated", exp: Math.floor(Date.now() / 1000) + 60, ...claims });
  const join = (sock: Awaited<ReturnType<typeof rawSocket>>, ref: string, topic: string, access_token?: string) =>
    sock.send([
      ref,
      ref,
      `realtime:${topic}`,
      "phx_join",
      {
        config: { broadcast: { self: false }, presence: { enabled: false }, postgres_changes: [], private: true },
        ...(access_token ? { access_token } : {}),
      },
    ]);

  it("lets a token join only its own account's private topic; refuses others, expired and forged tokens", async () => {
    const sock = await rawSocket(`ws://127.0.0.1:${new URL(s.url).port}/realtime/v1/websocket?apikey=${s.anonKey}&vsn=2.0.0`, v2);
    join(sock, "1", "account:A", token({ account_id: "A" }));
    expect((await sock.next((m) => m.ref === "1")).payload.status).toBe("ok");
    join(sock, "2", "account:B", token({ account_id: "A" }));
    expect((await sock.next((m) => m.ref === "2")).payload).toMatchObject({
      status: "error",
      response: { reason: expect.stringMatching(/^Unauthorized/) },
    });
    join(sock, "3", "account:C", token({ account_id: "C", exp: Math.floor(Date.now() / 1000) - 1 }));
    expect((await sock.next((m) => m.ref === "3")).payload.status).toBe("error");
    join(sock, "4", "account:D", signJwt("some-other-secret-that-is-long-enough!!", { role: "authenticated", account_id: "D" }));
    expect((await sock.next((m) => m.ref === "4")).payload.status).toBe("error");
    join(sock, "5", "account:E");
    expect((await sock.next((m) => m.ref === "5")).payload.status).toBe("error");
    sock.send([null, "6", "phoenix", "heartbeat", {}]);
    expect((await sock.next((m) => m.ref === "6")).payload.status).toBe("ok");

    // A token for another account pushed mid-session closes the channel, as Realtime does.
    sock.send(["1", "7", "realtime:account:A", "access_token", { access_token: token({ account_id: "Z" }) }]);
    await sock.next((m) => m.event === "phx_close" && m.topic === "realtime:account:A");
    expect(s.joinedSockets("account:A")).toBe(0);
    sock.ws.close();
  });

  it("accepts REST broadcasts only with a service_role bearer", async () => {
    const post = (bearer: string) =>
      fetch(`${s.url}/realtime/v1/api/broadcast/account%3AA/events/case-event?private=true`, {
        method: "POST",
        headers: { apikey: s.anonKey, authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: JSON.stringify({ x: 1 }),
      });
    expect((await post(token({ account_id: "A" }))).status).toBe(403);
    expect((await post(s.serviceRoleKey)).status).toBe(202);
    expect(s.seen.broadcasts.at(-1)).toEqual({ topic: "account:A", event: "case-event", payload: { x: 1 }, private: true });
  });
});
