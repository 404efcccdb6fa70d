import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES } from "@/lib/domains/auth/principal";
import { oauthTokens, members } from "@/lib/adapters/db/schema";
import { sha256 } from "@/lib/domains/auth/secrets";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { inProcessFetch } from "@/tests/support/oauth-inprocess";
import { authorizeParams, connectApp, pkcePair, REDIRECT } from "@/tests/support/oauth";
import { registerDynamicClient } from "@/lib/domains/oauth/clients";
import { parseAuthorizationRequest } from "@/lib/domains/oauth/authorization-request";
import { approveAuthorization } from "@/lib/domains/oauth/codes";
import { createSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";

/** What the authorization server refuses, and what ends a connection: PKCE, audience, expiry, rotation, revocation. */
let app: App;
const f = inProcessFetch();
type Member = Parameters<typeof connectApp>[1];
let operator: Member;
let admin: Member;

beforeAll(async () => {
  app = await startApp();
  const m = (x: App["operator"]): Member => ({
    kind: "member",
    accountId: x.accountId,
    memberId: x.id,
    role: x.role,
    email: x.email,
    name: x.name,
  });
  operator = m(app.operator);
  admin = m(app.admin);
}, 120_000);
afterAll(async () => app?.close());

const form = (url: string, params: Record<string, string>) =>
  f(`${BASE}${url}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString(),
  });
const mcpCall = (token: string, host = "127.0.0.1:3000") =>
  f(`http://${host}/api/mcp`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, accept: "application/json, text/event-stream", "content-type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    }),
  });

async function codeFor(member: Member, extra: Record<string, string> = {}) {
  const client = (await registerDynamicClient(app.deps.db, { redirect_uris: [REDIRECT] })).client_id;
  const { verifier, challenge } = pkcePair();
  const request = await parseAuthorizationRequest(app.deps.db, authorizeParams(client, challenge, BASE, extra), BASE);
  const code = new URL((await approveAuthorization(app.deps.db, request, member)).redirectTo).searchParams.get("code")!;
  return {
    client,
    verifier,
    code,
    exchange: (over: Record<string, string> = {}) =>
      form("/api/oauth/token", {
        grant_type: "authorization_code",
        code,
        client_id: client,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        ...over,
      }),
  };
}

async function authorizeError(params: URLSearchParams) {
  const e = await parseAuthorizationRequest(app.deps.db, params, BASE).then(
    () => null,
    (x: { redirectTo?: string; error: string; description: string }) => x,
  );
  return { error: e?.error, redirected: e?.redirectTo ? new URL(e.redirectTo) : null };
}

describe("PKCE (S256) is required", () => {
  it("an authorization request without code_challenge, or with plain, goes back to the client as invalid_request", async () => {
    const client = (await registerDynamicClient(app.deps.db, { redirect_uris: [REDIRECT] })).client_id;
    const none = authorizeParams(client, "x", BASE);
    none.delete("code_challenge");
    const missing = await authorizeError(none);
    expect(missing.redirected?.searchParams.get("error")).toBe("invalid_request");
    expect(missing.redirected?.searchParams.get("error_description")).toMatch(/code_challenge/);
    expect(missing.redirected?.searchParams.get("state")).toBe("s1");
    const plain = await authorizeError(authorizeParams(client, pkcePair().challenge, BASE, { code_challenge_method: "plain" }));
    expect(plain.redirected?.searchParams.get("error_description")).toMatch(/S256/);
  });

  it("the token endpoint refuses a missing or wrong code_verifier, and then still accepts the right one once", async () => {
    const c = await codeFor(admin);
    const missing = await form("/api/oauth/token", {
      grant_type: "authorization_code",
      code: c.code,
      client_id: c.client,
      redirect_uri: REDIRECT,
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const wrong = await c.exchange({ code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/PKCE/) });
    expect((await c.exchange()).status).toBe(200);
  });

  it("a code used twice is refused and revokes what the first exchange issued", async () => {
    const c = await codeFor(admin);
    const first = (await (await c.exchange()).json()) as { access_token: string };
    expect((await mcpCall(first.access_token)).status).toBe(200);
    const again = await c.exchange();
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect((await mcpCall(first.access_token)).status).toBe(401);
  });

  it("the redirect_uri must be the one the code was issued for", async () => {
    const c = await codeFor(admin);
    const r = await c.exchange({ redirect_uri: "http://127.0.0.1:9/other" });
    expect(await r.json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("audience: tokens are for this server's /api/mcp only", () => {
  it("an authorization request for another resource is invalid_target", async () => {
    const client = (await registerDynamicClient(app.deps.db, { redirect_uris: [REDIRECT] })).client_id;
    const r = await authorizeError(authorizeParams(client, pkcePair().challenge, BASE, { resource: "https://evil.example/api/mcp" }));
    expect(r.redirected?.searchParams.get("error")).toBe("invalid_target");
  });

  it("a token issued for another origin's /api/mcp is refused here", async () => {
    const t = await connectApp(app.deps.db, admin, { origin: "http://localhost:3000" });
    const res = await mcpCall(t.access_token);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    expect(((await res.json()) as { error_description: string }).error_description).toMatch(
      /issued for http:\/\/localhost:3000\/api\/mcp, not http:\/\/127\.0\.0\.1:3000\/api\/mcp/,
    );
  });

  it("REST routes refuse an OAuth access token", async () => {
    const t = await connectApp(app.deps.db, admin, { origin: BASE });
    const res = await f(`${BASE}/api/oauth/grants`, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/for \/api\/mcp only/);
  });
});

describe("lifetimes, rotation, revocation", () => {
  it("an expired access token is refused with a 401 that says so", async () => {
    const t = await connectApp(app.deps.db, admin, { origin: BASE });
    await app.deps.db
      .update(oauthTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthTokens.tokenHash, sha256(t.access_token)));
    const res = await mcpCall(t.access_token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error_description: string }).error_description).toMatch(/expired/);
  });

  it("refresh rotates; presenting the old refresh token again revokes the whole family", async () => {
    const t = await connectApp(app.deps.db, admin, { origin: BASE });
    const r1 = await form("/api/oauth/token", { grant_type: "refresh_token", refresh_token: t.refresh_token, client_id: t.clientId });
    expect(r1.status).toBe(200);
    expect(r1.headers.get("cache-control")).toBe("no-store");
    const next = (await r1.json()) as { access_token: string; refresh_token: string; expires_in: number };
    expect(next.refresh_token).not.toBe(t.refresh_token);
    expect(next.expires_in).toBe(3600);
    expect((await mcpCall(next.access_token)).status).toBe(200);
    const reuse = await form("/api/oauth/token", { grant_type: "refresh_token", refresh_token: t.refresh_token, client_id: t.clientId });
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/already used/) });
    expect((await mcpCall(next.access_token)).status).toBe(401);
    const laterRefresh = await form("/api/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: next.refresh_token,
      client_id: t.clientId,
    });
    expect(await laterRefresh.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("a refresh token works only for the client it was issued to", async () => {
    const t = await connectApp(app.deps.db, admin, { origin: BASE });
    const other = (await registerDynamicClient(app.deps.db, { redirect_uris: [REDIRECT] })).client_id;
    const r = await form("/api/oauth/token", { grant_type: "refresh_token", refresh_token: t.refresh_token, client_id: other });
    expect(await r.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("revoking in admin cuts access at once; another account's admin cannot see or revoke it", async () => {
    const t = await connectApp(app.deps.db, operator, { origin: BASE, clientName: "Revoke me app" });
    expect((await mcpCall(t.access_token)).status).toBe(200);
    const other = { authorization: `Bearer ${app.keys.get("other account")}` };
    const theirList = (await (await f(`${BASE}/api/oauth/grants`, { headers: other })).json()) as { grants: Array<{ id: string }> };
    expect(theirList.grants.map((g) => g.id)).not.toContain(t.grantId);
    expect((await f(`${BASE}/api/oauth/grants/${t.grantId}`, { method: "DELETE", headers: other })).status).toBe(404);
    expect((await mcpCall(t.access_token)).status).toBe(200);
    const session = { ...(await app.credential("admin")), origin: BASE };
    const list = (await (await f(`${BASE}/api/oauth/grants`, { headers: session })).json()) as {
      grants: Array<{ id: string; member: { email: string }; client: { name: string }; scopes: string[] }>;
    };
    expect(list.grants.find((g) => g.id === t.grantId)).toMatchObject({
      member: { email: app.operator.email },
      client: { name: "Revoke me app" },
      scopes: ["hitl:answer", "replies:write"],
    });
    expect((await f(`${BASE}/api/oauth/grants/${t.grantId}`, { method: "DELETE", headers: session })).status).toBe(200);
    expect((await mcpCall(t.access_token)).status).toBe(401);
    const refresh = await form("/api/oauth/token", { grant_type: "refresh_token", refresh_token: t.refresh_token, client_id: t.clientId });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("RFC 7009: the client revokes its refresh token and the access token dies with it; unknown tokens get the same 200", async () => {
    const t = await connectApp(app.deps.db, admin, { origin: BASE });
    expect((await form("/api/oauth/revoke", { token: "sbrt_nonsense", client_id: t.clientId })).status).toBe(200);
    expect((await mcpCall(t.access_token)).status).toBe(200);
    expect(
      (await form("/api/oauth/revoke", { token: t.refresh_token, client_id: t.clientId, token_type_hint: "refresh_token" })).status,
    ).toBe(200);
    expect((await mcpCall(t.access_token)).status).toBe(401);
  });

  it("a deactivated member's connected apps stop working", async () => {
    const m = await app.newMember("operator");
    const t = await connectApp(
      app.deps.db,
      { kind: "member", accountId: m.accountId, memberId: m.id, role: m.role, email: m.email, name: m.name },
      { origin: BASE },
    );
    expect((await mcpCall(t.access_token)).status).toBe(200);
    await app.deps.db.update(members).set({ active: false }).where(eq(members.id, m.id));
    expect((await mcpCall(t.access_token)).status).toBe(401);
  });
});

describe("with APP_URL set, no request header moves the issuer, the metadata or the audience", () => {
  const spoof = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", forwarded: "host=evil.example;proto=https" };

  it("the metadata documents name APP_URL whatever X-Forwarded-Host / Forwarded say", async () => {
    const as = (await (await f(`${BASE}/.well-known/oauth-authorization-server`, { headers: spoof })).json()) as Record<string, string>;
    expect(as.issuer).toBe(BASE);
    for (const k of ["authorization_endpoint", "token_endpoint", "registration_endpoint", "revocation_endpoint"])
      expect(as[k], k).toMatch(new RegExp(`^${BASE.replace(/\./g, "\\.")}/`));
    const prm = (await (await f(`${BASE}/.well-known/oauth-protected-resource`, { headers: spoof })).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: `${BASE}/api/mcp`, authorization_servers: [BASE] });
    const unauthorized = await f(`${BASE}/api/mcp`, {
      method: "POST",
      headers: { ...spoof, "content-type": "application/json" },
      body: "{}",
    });
    expect(unauthorized.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${BASE}/.well-known/oauth-protected-resource"`);
  });

  it("the consent's redirect carries iss = APP_URL, and the token's audience is APP_URL's /api/mcp", async () => {
    const client = (await registerDynamicClient(app.deps.db, { redirect_uris: [REDIRECT] })).client_id;
    const { challenge } = pkcePair();
    const params = authorizeParams(client, challenge, BASE);
    const { token } = await createSession(app.deps, admin.memberId);
    const res = await f(`${BASE}/api/oauth/authorize`, {
      method: "POST",
      headers: { ...spoof, "content-type": "application/json", origin: BASE, cookie: `${SESSION_COOKIE}=${token}` },
      body: JSON.stringify({ request: `?${params}`, decision: "allow" }),
    });
    expect(res.status).toBe(200);
    const to = new URL(((await res.json()) as { redirectTo: string }).redirectTo);
    expect(to.searchParams.get("iss")).toBe(BASE);
    // A token for APP_URL's /api/mcp is accepted even when a proxy header names another host.
    const t = await connectApp(app.deps.db, admin, { origin: BASE });
    const call = await f(`${BASE}/api/mcp`, {
      method: "POST",
      headers: {
        ...spoof,
        authorization: `Bearer ${t.access_token}`,
        accept: "application/json, text/event-stream",
        "content-type": "application/json",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
      }),
    });
    expect(call.status).toBe(200);
  });
});

describe("the 401 of /api/mcp says how to authenticate", () => {
  it("without credentials: WWW-Authenticate with resource_metadata, and a body naming API keys and OAuth", async () => {
    const res = await f(`${BASE}/api/mcp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${BASE}/.well-known/oauth-protected-resource"`);
    const body = (await res.json()) as { error_description: string };
    expect(body.error_description).toMatch(/API key/);
    expect(body.error_description).toMatch(/OAuth/);
    const bad = await mcpCall("sb_000000000000_nopenopenopenopenopenopenopenopenopenopenope");
    expect(bad.headers.get("www-authenticate")).toMatch(/resource_metadata=.*error="invalid_token"/);
    expect(((await bad.json()) as { error_description: string }).error_description).toMatch(/invalid or revoked.*API key.*OAuth/);
  });

  it("the metadata names this server as the authorization server, with every scope", async () => {
    const prm = (await (await f(`${BASE}/.well-known/oauth-protected-resource`)).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: `${BASE}/api/mcp`, authorization_servers: [BASE], scopes_supported: [...SCOPES] });
    const as = (await (await f(`${BASE}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      issuer: BASE,
      code_challenge_methods_supported: ["S256"],
      client_id_metadata_document_supported: true,
      registration_endpoint: `${BASE}/api/oauth/register`,
    });
  });
});
