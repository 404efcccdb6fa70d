import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./support/api";
import { startIsolatedApp } from "./support/isolated-app";
import { connectModern, type McpTestClient } from "./support/mcp-clients";

/**
 * `next start` (NODE_ENV=production) as shipped: OUTBOUND_ALLOW_LOOPBACK is off. A receiver on 127.0.0.1 stands
 * for anything inside the deployment (a search cluster's /_bulk, the metadata service, an admin port). Every
 * URL a key, a model or an account admin chooses is refused at input with a 4xx naming the field, and nothing
 * reaches the receiver. (The shared e2e app turns the setting on for its stand-ins; this app does not.)
 */
describe("outbound guard in production", () => {
  let app: Awaited<ReturnType<typeof startIsolatedApp>>;
  let receiver: Server;
  let target = "";
  let agent: McpTestClient;
  const hits: string[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      hits.push(req.url!);
      res.writeHead(200).end("ok");
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    app = await startIsolatedApp();
    agent = await connectModern(app.baseUrl, app.key);
  }, 180_000);
  afterAll(async () => {
    await agent?.close();
    await app?.close();
    receiver?.closeAllConnections();
    await new Promise<void>((r) => receiver?.close(() => r()));
  });

  it("POST /api/cases: a loopback callbackUrl is a 422 naming callbackUrl; plain http to anywhere is refused", async () => {
    const rest = api(app.baseUrl);
    const loop = await rest.call("POST", "/api/cases", { key: app.key, body: { question: "Refund?", callbackUrl: `${target}/_bulk` } });
    expect(loop.status).toBe(422);
    expect(loop.json.error.message).toMatch(/^callbackUrl: points at 127\.0\.0\.1, a private or reserved address/);
    const plain = await rest.call("POST", "/api/cases", {
      key: app.key,
      body: { question: "Refund?", callbackUrl: "http://hooks.example/x" },
    });
    expect(plain.status).toBe(422);
    expect(plain.json.error.message).toBe("callbackUrl: must be an https URL");
  });

  it("ask_human (the model's argument) is refused the same way, as a tool error naming callbackUrl", async () => {
    const r = await agent.callTool("ask_human", { question: "Can I get a refund?", callbackUrl: `${target}/_bulk` });
    expect(r.isError).toBe(true);
    expect(r.content.map((c) => c.text).join(" ")).toMatch(/callbackUrl: points at 127\.0\.0\.1, a private or reserved address/);
  });

  it("an account admin's ntfy serverUrl and Chronogolf baseUrl are refused when saved, naming the field", async () => {
    const rest = api(app.baseUrl);
    const ntfy = await rest.call("PUT", "/api/settings/notifications", { key: app.key, body: { serverUrl: target } });
    expect(ntfy.status).toBe(422);
    expect(ntfy.json.error.message).toMatch(/^serverUrl: points at 127\.0\.0\.1/);
    const golf = await rest.call("PUT", "/api/golf/settings", {
      key: app.key,
      body: {
        provider: "chronogolf",
        chronogolf: { baseUrl: target, organizationId: "o", clientId: "c", clientSecret: "s", refreshToken: "r" },
      },
    });
    expect(golf.status).toBe(422);
    expect(golf.json.error.message).toMatch(/^chronogolf\.baseUrl: points at 127\.0\.0\.1/);
    const borrowed = await rest.call("PUT", "/api/golf/settings", {
      key: app.key,
      body: { provider: "chronogolf", chronogolf: { baseUrl: "https://golf.example", organizationId: "o" } },
    });
    expect(borrowed.status).toBe(422);
    expect(borrowed.json.error.message).toMatch(/^chronogolf\.baseUrl: a base URL of this account's own needs its own clientId/);
  });

  it("nothing reached the receiver", () => {
    expect(hits).toEqual([]);
  });
});
