import { createHmac } from "node:crypto";
import http from "node:http";
import { describe, expect, inject, it } from "vitest";
import { api } from "./support/api";

const { baseUrl, a, appEnv } = inject("e2e");
const rest = api(baseUrl);

/** POST /api/auth/login from a chosen local address (127.0.0.x): the app sees it as the socket address. */
function loginFrom(localAddress: string, email: string, password: string, headers: Record<string, string> = {}): Promise<number> {
  const body = JSON.stringify({ email, password });
  const u = new URL("/api/auth/login", baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json", origin: baseUrl, ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("security headers on every page and API response", () => {
  const pages = [
    "/",
    "/login",
    "/login?next=/admin",
    "/console",
    "/admin",
    "/admin/keys",
    "/oauth/authorize?client_id=sbc_nope",
    "/no-such-page",
  ];
  const apis: [string, string][] = [
    ["GET", "/api/health"],
    ["GET", "/api/openapi.json"],
    ["GET", "/api/cases"],
    ["POST", "/api/mcp"],
    ["GET", "/api/no-such-route"],
    ["POST", "/api/auth/login"],
    ["GET", "/.well-known/oauth-protected-resource"],
    ["GET", "/.well-known/oauth-authorization-server"],
    ["POST", "/api/oauth/token"],
    ["POST", "/api/oauth/register"],
  ];
  const common = (h: Headers) => {
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  };

  it.each(pages)("page %s: nonce-based CSP, nosniff, referrer policy, not frameable", async (path) => {
    const res = await fetch(new URL(path, baseUrl), { redirect: "manual" });
    common(res.headers);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(csp).not.toMatch(/unsafe-eval/); // production build
    expect(res.headers.get("strict-transport-security")).toBeNull(); // plain http
  });

  it.each(apis)("%s %s: CSP default-src 'none', nosniff, referrer policy", async (method, path) => {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: { origin: baseUrl, "content-type": "application/json" },
      body: method === "POST" ? "{}" : undefined,
    });
    common(res.headers);
    if (path.startsWith("/api/")) expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("each page response has its own nonce, and it is on the page's scripts", async () => {
    const [one, two] = await Promise.all([fetch(new URL("/login", baseUrl)), fetch(new URL("/login", baseUrl))]);
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy")!)![1]!;
    expect(nonce(one)).not.toBe(nonce(two));
    const html = await one.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce(one)}"`);
  });

  it("HSTS when the request came over https (x-forwarded-proto from the TLS proxy)", async () => {
    for (const path of ["/login", "/api/health"]) {
      const res = await fetch(new URL(path, baseUrl), { headers: { "x-forwarded-proto": "https" } });
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    }
  });
});

describe("login throttling by email and client address", () => {
  it("ten bad passwords from one address do not lock the operator out from theirs", async () => {
    for (let i = 0; i < 10; i++) expect(await loginFrom("127.0.0.2", a.operator2Email, `wrong-${i}`)).toBe(401);
    // That address is now refused, even with the right password…
    expect(await loginFrom("127.0.0.2", a.operator2Email, a.operator2Password)).toBe(429);
    // …but the operator, from their own address, signs in.
    expect(await loginFrom("127.0.0.1", a.operator2Email, a.operator2Password)).toBe(200);
  });

  it("a forged x-forwarded-for does not buy an attacker fresh tries (no trusted proxy configured)", async () => {
    for (let i = 0; i < 10; i++)
      expect(await loginFrom("127.0.0.3", a.operator2Email, `wrong-${i}`, { "x-forwarded-for": `198.51.100.${i}` })).toBe(401);
    expect(await loginFrom("127.0.0.3", a.operator2Email, "wrong-again", { "x-forwarded-for": "203.0.113.77" })).toBe(429);
    expect(await loginFrom("127.0.0.1", a.operator2Email, a.operator2Password, { "x-forwarded-for": "127.0.0.3" })).toBe(200);
  });
});

describe("the simulator's webhook secret is not derivable", () => {
  it("a 'completed, 0 s' event signed with the formerly derived secret is refused; the call is billed for what it really lasted", async () => {
    const placed = await rest.call("POST", "/api/calls", {
      key: a.callsKey,
      body: { phoneNumber: "+14155550142", task: "Confirm the delivery window.", maxDurationMinutes: 2 },
    });
    expect(placed.status).toBe(201);
    const call = placed.json;
    const seed = appEnv.CRON_SECRET ?? appEnv.DATABASE_URL ?? "switchboard-embedded";
    const secret = createHmac("sha256", "switchboard simulator webhook secret v1").update(seed).digest("hex");
    const body = JSON.stringify({
      event_id: `forged_${call.id}`,
      call_id: call.providerCallId,
      status: "completed",
      at: new Date().toISOString(),
      metadata: { call_id: call.id },
      call: {
        started_at: null,
        answered_at: null,
        ended_at: new Date().toISOString(),
        duration_seconds: 0,
        transcript: [],
        summary: null,
        end_reason: "forged",
        recording_available: false,
        price_usd: 0,
      },
    });
    const forged = await rest.call("POST", "/api/webhooks/simulator", {
      raw: body,
      headers: { "x-webhook-signature": createHmac("sha256", secret).update(body).digest("hex") },
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    // The real events (signed with the stored secret) still arrive and settle the call.
    const deadline = Date.now() + 60_000;
    let now = call;
    while (!["completed", "failed", "no-answer", "busy", "canceled"].includes(now.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      now = (await rest.call("GET", `/api/calls/${call.id}`, { key: a.callsKey })).json;
    }
    expect(now.status).toBe("completed");
    expect(now.durationSeconds).toBeGreaterThan(0);
    expect(now.cost).toBeGreaterThan(0);
  });
});
