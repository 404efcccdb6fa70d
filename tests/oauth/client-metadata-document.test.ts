import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/platform/config/env";
import { parseAuthorizationRequest } from "@/lib/domains/oauth/authorization-request";
import { approveAuthorization } from "@/lib/domains/oauth/codes";
import { BASE, startApp, type App } from "@/tests/support/matrix/app-harness";
import { inProcessFetch } from "@/tests/support/oauth-inprocess";
import { authorizeParams, pkcePair, REDIRECT } from "@/tests/support/oauth";

/**
 * Client ID metadata documents (MCP 2025-11): the client_id is the URL of a JSON document describing the
 * client, fetched by us. A loopback stand-in serves the documents (loopback is allowed only because the
 * test turns OAUTH_CLIENT_METADATA_ALLOW_LOOPBACK on); it records what it was asked.
 */
let app: App;
let server: http.Server;
let origin = "";
const requests: Array<{ path: string; accept?: string }> = [];
const docs = new Map<string, (res: http.ServerResponse) => void>();

const serveJson = (body: unknown) => (res: http.ServerResponse) =>
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
const setLoopback = (on: boolean) => {
  process.env.OAUTH_CLIENT_METADATA_ALLOW_LOOPBACK = on ? "true" : "false";
  // The app harness turns the outbound guard's loopback setting on for its stand-ins; either setting admits loopback here.
  process.env.OUTBOUND_ALLOW_LOOPBACK = on ? "true" : "false";
  resetConfig();
};

beforeAll(async () => {
  app = await startApp();
  server = http.createServer((req, res) => {
    requests.push({ path: req.url!, accept: req.headers.accept });
    const h = docs.get(req.url!);
    if (h) h(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  setLoopback(true);
}, 120_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await app?.close();
});

const member = () => ({
  kind: "member" as const,
  accountId: app.admin.accountId,
  memberId: app.admin.id,
  role: app.admin.role,
  email: app.admin.email,
  name: app.admin.name,
});
const refusal = (clientId: string, extra: Record<string, string> = {}) =>
  parseAuthorizationRequest(app.deps.db, authorizeParams(clientId, pkcePair().challenge, BASE, extra), BASE).then(
    () => "accepted",
    (e: { error: string; description: string; redirectTo?: string }) =>
      `${e.error}${e.redirectTo ? " (redirected)" : ""}: ${e.description}`,
  );

describe("client ID metadata documents", () => {
  it("a URL client_id is fetched, named on consent, and completes the flow to a working token", async () => {
    const id = `${origin}/clients/good.json`;
    docs.set(
      "/clients/good.json",
      serveJson({ client_id: id, client_name: "Doc Client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }),
    );
    const { verifier, challenge } = pkcePair();
    const request = await parseAuthorizationRequest(app.deps.db, authorizeParams(id, challenge, BASE), BASE);
    expect(request.client).toMatchObject({ clientId: id, kind: "metadata_document", clientName: "Doc Client" });
    expect(requests.at(-1)).toEqual({ path: "/clients/good.json", accept: "application/json" });
    const code = new URL((await approveAuthorization(app.deps.db, request, member())).redirectTo).searchParams.get("code")!;
    const res = await inProcessFetch()(`${BASE}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        client_id: id,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { access_token: string }).access_token).toMatch(/^sbat_/);
  });

  it("refuses documents that do not describe themselves, redirect, are too large, or are missing — never redirecting the browser", async () => {
    docs.set("/clients/other.json", serveJson({ client_id: "https://someone.else/client.json", redirect_uris: [REDIRECT] }));
    expect(await refusal(`${origin}/clients/other.json`)).toMatch(/^invalid_client: .*client_id must equal its URL/);
    docs.set("/clients/moved.json", (res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end());
    expect(await refusal(`${origin}/clients/moved.json`)).toMatch(/^invalid_client: .*HTTP 302 \(redirects are not followed\)/);
    docs.set(
      "/clients/huge.json",
      serveJson({ client_id: `${origin}/clients/huge.json`, redirect_uris: [REDIRECT], client_name: "x".repeat(100 * 1024) }),
    );
    expect(await refusal(`${origin}/clients/huge.json`)).toMatch(/^invalid_client: .*larger than 65536 bytes/);
    expect(await refusal(`${origin}/clients/missing.json`)).toMatch(/^invalid_client: .*HTTP 404/);
    docs.set(
      "/clients/secret.json",
      serveJson({ client_id: `${origin}/clients/secret.json`, redirect_uris: [REDIRECT], token_endpoint_auth_method: "private_key_jwt" }),
    );
    expect(await refusal(`${origin}/clients/secret.json`)).toMatch(/^invalid_client: token_endpoint_auth_method/);
  });

  it("a redirect_uri the document does not list is shown, not followed", async () => {
    const id = `${origin}/clients/strict.json`;
    docs.set("/clients/strict.json", serveJson({ client_id: id, redirect_uris: ["https://app.example/cb"] }));
    expect(await refusal(id)).toBe("invalid_request: redirect_uri: not one this client registered.");
  });

  it("SSRF guard: without the loopback setting, loopback and private addresses are refused before any request", async () => {
    setLoopback(false);
    try {
      const before = requests.length;
      expect(await refusal(`${origin}/clients/good.json`)).toMatch(/must use https/);
      expect(await refusal("https://127.0.0.1/clients/good.json")).toMatch(/private or reserved address/);
      expect(await refusal("https://10.0.0.7/client.json")).toMatch(/private or reserved address/);
      expect(await refusal("https://[::ffff:a9fe:a9fe]/client.json")).toMatch(/private or reserved address/);
      expect(await refusal("https://localhost/client.json")).toMatch(/resolves to a private or reserved address/);
      expect(await refusal("https://app.example/")).toMatch(/needs a path/);
      expect(requests.length).toBe(before);
    } finally {
      setLoopback(true);
    }
  });
});
