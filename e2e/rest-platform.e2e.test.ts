import { describe, expect, inject, it } from "vitest";
import { api } from "./support/api";
import { login, sleep, startCallbackReceiver } from "./support/rest-helpers";

const { baseUrl, a, rateLimitPerMinute } = inject("e2e");
const rest = api(baseUrl);
const { call } = rest;

describe("REST: member sessions", () => {
  it("a wrong password is 401 and sets no cookie", async () => {
    const r = await login(baseUrl, a.operatorEmail, "not-the-password");
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("unauthorized");
    expect(r.setCookie).toBe("");
  });

  it("the session cookie is HttpOnly + SameSite=Lax; cookie writes need our Origin; logout ends the session", async () => {
    const s = await login(baseUrl, a.operatorEmail, a.operatorPassword);
    expect(s.status).toBe(200);
    expect(s.json.member).toMatchObject({ email: a.operatorEmail, role: "operator" });
    expect(s.json.member).not.toHaveProperty("passwordHash");
    expect(s.cookie).toMatch(/^sb_session=.{20,}$/);
    expect(s.setCookie).toMatch(/;\s*HttpOnly/i);
    expect(s.setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(s.setCookie).toMatch(/;\s*Path=\//);

    // The cookie write here is a claim (an operator's session holds hitl:answer, not hitl:ask: README § Permission matrix).
    const asked = await call("POST", "/api/cases", { key: a.agentKey, body: { question: "Claimed from the console" } });
    expect(asked.status).toBe(201);
    const claim = (headers: Record<string, string>) =>
      call("POST", `/api/cases/${asked.json.id}/claim`, { headers: { cookie: s.cookie, ...headers } });
    const noOrigin = await claim({});
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.json.error.message).toMatch(/Cross-site/);
    expect((await claim({ origin: "http://evil.example" })).status).toBe(403);
    expect((await claim({ origin: baseUrl.replace("127.0.0.1", "localhost") })).status).toBe(403);
    const ok = await claim({ origin: baseUrl });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe("claimed");
    // Reads need no Origin.
    expect((await call("GET", `/api/cases/${ok.json.id}`, { headers: { cookie: s.cookie } })).status).toBe(200);

    const crossLogout = await call("POST", "/api/auth/logout", { headers: { cookie: s.cookie, origin: "http://evil.example" } });
    expect(crossLogout.status).toBe(403);
    expect((await call("GET", `/api/cases/${ok.json.id}`, { headers: { cookie: s.cookie } })).status).toBe(200);

    const out = await fetch(`${baseUrl}/api/auth/logout`, { method: "POST", headers: { cookie: s.cookie, origin: baseUrl } });
    expect(out.status).toBe(200);
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith("sb_session="));
    expect(cleared).toMatch(/^sb_session=;/);
    expect(cleared).toMatch(/Max-Age=0/);
    const after = await call("GET", `/api/cases/${ok.json.id}`, { headers: { cookie: s.cookie } });
    expect(after.status).toBe(401);
    expect((await call("POST", `/api/cases/${ok.json.id}/claim`, { headers: { cookie: s.cookie, origin: baseUrl } })).status).toBe(401);
  });
});

describe("REST: callbackUrl", () => {
  it("POSTs the answered case with signed headers, retrying a 500 with the same delivery id", async () => {
    const receiver = await startCallbackReceiver([500, 200]);
    try {
      const created = await call("POST", "/api/cases", {
        key: a.agentKey,
        body: { question: "Is the order shipped?", callbackUrl: receiver.url },
      });
      expect(created.status).toBe(201);
      expect(created.json.callbackUrl).toBe(receiver.url);
      expect(receiver.received).toHaveLength(0);
      const answeredAt = Date.now();
      expect((await rest.answer(a.answerKey, created.json.id, "Yes, it left yesterday.")).status).toBe(201);

      const [first, second] = await receiver.waitFor(2, 10_000);
      for (const hit of [first!, second!]) {
        expect(hit.headers["content-type"]).toMatch(/application\/json/);
        expect(hit.headers["x-switchboard-event"]).toBe("case.answered");
        const ts = Number(hit.headers["x-switchboard-timestamp"]);
        expect(Number.isInteger(ts)).toBe(true);
        expect(Math.abs(ts * 1000 - answeredAt)).toBeLessThan(15_000);
        expect(hit.headers["x-switchboard-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
        const body = JSON.parse(hit.body);
        expect(body).toMatchObject({
          event: "case.answered",
          case: { id: created.json.id, status: "answered", answer: "Yes, it left yesterday.", question: "Is the order shipped?" },
        });
      }
      expect(first!.headers["x-switchboard-delivery"]).toBeTruthy();
      expect(second!.headers["x-switchboard-delivery"]).toBe(first!.headers["x-switchboard-delivery"]);
      expect(second!.body).toBe(first!.body);
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(150); // backed off, not hammered
      // Delivered: no further attempts after the 200 (the scheduler runs every 2 s).
      await sleep(2500);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it("rejects a callbackUrl that is not http(s) with 422", async () => {
    const r = await call("POST", "/api/cases", { key: a.agentKey, body: { question: "x", callbackUrl: "ftp://example.com/hook" } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/callbackUrl/);
  });
});

describe("REST: presence", () => {
  it("answerers go online and away; ask-only keys cannot heartbeat; unknown status is 422", async () => {
    const online = await rest.heartbeat(a.answerKey, "online");
    expect(online.status).toBe(200);
    expect(online.json.status).toBe("online");
    expect(online.json.online).toBeGreaterThanOrEqual(1);
    expect((await call("GET", "/api/presence", { key: a.agentKey })).json.online).toBe(online.json.online);

    const away = await rest.heartbeat(a.answerKey, "away");
    expect(away.status).toBe(200);
    expect(away.json.status).toBe("away");
    expect(away.json.online).toBe(online.json.online - 1);
    expect((await call("GET", "/api/presence", { key: a.agentKey })).json.online).toBe(away.json.online);

    const ask = await call("POST", "/api/presence", { key: a.agentKey, body: { status: "online" } });
    expect(ask.status).toBe(403);
    expect(ask.json.error.message).toMatch(/hitl:answer/);
    const busy = await call("POST", "/api/presence", { key: a.answerKey, body: { status: "busy" } });
    expect(busy.status).toBe(422);
    expect(busy.json.error.message).toMatch(/status/);

    // Leave Alpha's answer bridge online as the other suites expect.
    expect((await rest.heartbeat(a.answerKey, "online")).json.online).toBe(online.json.online);
  });
});

describe("REST: rate limit", () => {
  it("429 with Retry-After once a key exceeds its per-minute limit; other keys are unaffected", async () => {
    const limited: Array<{ status: number; headers: Headers; json: any }> = [];
    let sent = 0;
    let sentWhenFirstLimited = 0;
    // The window is a fixed minute: if the burst straddles a boundary, keep going (two windows need at most 2 × (limit + 5)).
    const cap = 2 * (rateLimitPerMinute + 5);
    while (sent < cap && (limited.length === 0 || sent < rateLimitPerMinute + 5)) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => call("GET", "/api/presence", { key: a.spareKey })));
      sent += batch.length;
      for (const r of batch) {
        if (r.status === 429) {
          if (limited.length === 0) sentWhenFirstLimited = sent;
          limited.push(r);
        } else expect(r.status).toBe(200);
      }
    }
    expect(limited.length).toBeGreaterThan(0);
    expect(sentWhenFirstLimited).toBeGreaterThan(rateLimitPerMinute);
    for (const r of limited) {
      const retryAfter = r.headers.get("retry-after");
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect(r.json.error.code).toBe("rate_limited");
      expect(r.json.error.message).toMatch(/per minute/);
    }
    expect((await call("GET", "/api/presence", { key: a.agentKey })).status).toBe(200);
    expect((await call("GET", "/api/cases?status=open", { key: a.answerKey })).status).toBe(200);
  });
});
