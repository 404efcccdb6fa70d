import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES } from "@/lib/domains/auth/principal";
import { createCase } from "@/lib/domains/hitl/create-case";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { decide, inProcessFetch, MemoryOAuthProvider } from "@/tests/support/oauth-inprocess";

/**
 * The official MCP SDK client's own OAuth flow against Switchboard, as mcp-remote / Claude / Cursor run it:
 * a 401 from /api/mcp → protected-resource metadata → authorization-server metadata → dynamic client
 * registration → authorization URL (PKCE S256, resource) → a member's consent → code → token → tools.
 * HTTP goes straight into the route handlers; the browser half (the consent page) is e2e/oauth.e2e.test.ts.
 */
let app: App;
beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => app?.close());

const MCP = new URL("/api/mcp", BASE);

async function signInWithSdk(kind: "operator" | "admin", log: string[] = []) {
  const fetchFn = inProcessFetch(log);
  const provider = new MemoryOAuthProvider("http://127.0.0.1:43123/callback", {
    client_name: "SDK test client",
    redirect_uris: ["http://127.0.0.1:43123/callback"],
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
  });
  const first = new StreamableHTTPClientTransport(MCP, { authProvider: provider, fetch: fetchFn });
  await expect(new Client({ name: "sdk-oauth", version: "1.0.0" }).connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
  const authUrl = provider.authorizationUrl!;
  const back = await decide(fetchFn, authUrl, await app.credential(kind));
  expect(back.searchParams.get("state")).toBe("state-1234");
  expect(back.searchParams.get("iss")).toBe(BASE);
  await first.finishAuth(back.searchParams.get("code")!);
  const client = new Client({ name: "sdk-oauth", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(MCP, { authProvider: provider, fetch: fetchFn }));
  return { client, provider, authUrl, fetchFn };
}

const text = (r: unknown) => ((r as { content: Array<{ text?: string }> }).content ?? []).map((c) => c.text ?? "").join(" ");

describe("the official SDK client signs in with OAuth and calls tools", () => {
  it("admin: discovery, registration, consent, token, then ask_human runs as that member", async () => {
    const log: string[] = [];
    const { client, provider, authUrl } = await signInWithSdk("admin", log);
    expect(log).toEqual(
      expect.arrayContaining([
        "POST /api/mcp",
        "GET /.well-known/oauth-protected-resource",
        "GET /.well-known/oauth-authorization-server",
        "POST /api/oauth/register",
        "POST /api/oauth/authorize",
        "POST /api/oauth/token",
      ]),
    );
    // What the SDK sent to the authorization endpoint: PKCE S256 and the RFC 8707 resource.
    expect(authUrl.pathname).toBe("/oauth/authorize");
    expect(authUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authUrl.searchParams.get("resource")).toBe(`${BASE}/api/mcp`);
    expect(provider.saved!.access_token).toMatch(/^sbat_/);
    expect(provider.saved!.refresh_token).toMatch(/^sbrt_/);
    expect(provider.saved!.scope!.split(" ").sort()).toEqual([...SCOPES].sort());
    const r = (await client.callTool({
      name: "ask_human",
      arguments: { question: "Does OAuth reach the team?", timeoutSeconds: 5 },
    })) as unknown as { structuredContent: { status: string; caseId: string } };
    expect(r.structuredContent.status).toBe("unavailable"); // nobody online: answered at once, case created
    const c = (await client.callTool({ name: "get_human_answer", arguments: { caseId: r.structuredContent.caseId } })) as {
      isError?: boolean;
    };
    expect(c.isError).toBeFalsy();
    await client.close();
  });

  it("operator: asked for every scope, granted only the operator's; tools beyond them are refused naming the scope", async () => {
    const { client, provider } = await signInWithSdk("operator");
    expect(provider.saved!.scope!.split(" ").sort()).toEqual(["hitl:answer", "replies:write"]);
    const call = await client.callTool({
      name: "make_phone_call",
      arguments: { phoneNumber: "+14155550123", task: "x", maxDurationMinutes: 1 },
    });
    expect((call as { isError?: boolean }).isError).toBe(true);
    expect(text(call)).toMatch(/lacks the calls:write scope needed here/);
    const ask = await client.callTool({ name: "ask_human", arguments: { question: "Operator asking?", timeoutSeconds: 5 } });
    expect(text(ask)).toMatch(/lacks the hitl:ask scope/);
    // What the operator's role holds works: reading a case of their own account.
    const mine = (await createCase(app.deps, app.agent, { question: "Operator reads this?" }, { source: "api" })).case.id;
    const got = (await client.callTool({ name: "get_human_answer", arguments: { caseId: mine } })) as { isError?: boolean };
    expect(got.isError).toBeFalsy();
    await client.close();
  });

  it("tenant isolation: an OAuth client of account A cannot see account B's case", async () => {
    const { client } = await signInWithSdk("admin");
    const bAdmin = (await import("@/lib/domains/api-keys/api-keys")).verifyApiKey;
    const bKey = (await bAdmin(app.deps, app.keys.get("other account")!))!;
    const theirs = (await createCase(app.deps, bKey, { question: "Account B only?" }, { source: "api" })).case.id;
    const r = await client.callTool({ name: "get_human_answer", arguments: { caseId: theirs } });
    expect((r as { isError?: boolean }).isError).toBe(true);
    expect(text(r)).toMatch(/not found/i);
    await client.close();
  });

  it("the SDK refreshes an expired access token with its refresh token and carries on", async () => {
    const { provider, fetchFn } = await signInWithSdk("admin");
    const before = provider.saved!;
    // The server says the token expired (the SDK cannot tell by itself): it refreshes, rotating the refresh token.
    const { oauthTokens } = await import("@/lib/adapters/db/schema");
    const { sha256 } = await import("@/lib/domains/auth/secrets");
    const { eq } = await import("drizzle-orm");
    await app.deps.db
      .update(oauthTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthTokens.tokenHash, sha256(before.access_token)));
    const client = new Client({ name: "sdk-oauth", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(MCP, { authProvider: provider, fetch: fetchFn }));
    expect(provider.saved!.access_token).not.toBe(before.access_token);
    expect(provider.saved!.refresh_token).not.toBe(before.refresh_token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });
});
