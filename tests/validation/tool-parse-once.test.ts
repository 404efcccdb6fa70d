import { Client } from "@modelcontextprotocol/client";
import { InMemoryTransport, McpServer } from "@modelcontextprotocol/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiKey } from "@/lib/domains/api-keys/api-keys";
import type { Principal, Scope } from "@/lib/domains/auth/principal";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { registerTool } from "@/lib/transports/mcp/register-tool";
import { defineTool } from "@/lib/transports/tools/define-tool";
import { startApp, type App } from "@/tests/support/matrix/app-harness";
import { callTool, connectInProcess } from "@/tests/support/in-process-mcp";

/**
 * A tool's arguments are parsed once on their way in. The observable: a schema whose parse appends "!" to
 * `word`. Parsed by the SDK and again by the tool (or by the tool and again by its domain function), "hi"
 * comes back "hi!!"; parsed once, "hi!". Both kinds of tool are tried — `run` (defineTool parses) and `runRaw`
 * (the domain function parses) — through the real registerTool, the real MCP server SDK and the official client.
 */
const shout = z.object({
  word: z
    .string()
    .max(20)
    .transform((w) => `${w}!`),
});
const said = z.object({ message: z.string() });

const typedTool = defineTool({
  name: "echo_typed",
  title: "Echo (tool parses)",
  description: "Says the word back.",
  input: shout,
  output: said,
  annotations: { readOnlyHint: true },
  scopes: ["weather:read"],
  run: async (input) => ({ message: input.word }),
});

// As a domain function does: it takes the arguments as received and parses them with its own schema.
const rawTool = defineTool({
  name: "echo_raw",
  title: "Echo (domain parses)",
  description: "Says the word back.",
  input: shout,
  output: said,
  annotations: { readOnlyHint: true },
  scopes: ["weather:read"],
  runRaw: async (args) => ({ message: parseOrThrow(shout, args).word }),
});

/** The official client talking to an McpServer with the two tools, as `principal` (what /api/mcp's auth puts on each request). */
async function connectAs(principal: Principal): Promise<Client> {
  const server = new McpServer({ name: "parse-once", version: "0.0.0" });
  registerTool(server, typedTool);
  registerTool(server, rawTool);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const send = clientSide.send.bind(clientSide);
  clientSide.send = (message, options) =>
    send(message, { ...options, authInfo: { token: "test", clientId: "test", scopes: [], extra: { principal } } });
  await server.connect(serverSide);
  const client = new Client({ name: "parse-once-test", version: "0.0.0" });
  await client.connect(clientSide as never);
  return client;
}

let app: App;
let allowed: Client;
let refused: Client;

beforeAll(async () => {
  app = await startApp();
  const principal = (scopes: Scope[]): Principal => ({
    kind: "api_key",
    accountId: app.accountA.id,
    keyId: "00000000-0000-4000-8000-000000000000",
    keyPrefix: "sb_test",
    scopes,
  });
  allowed = await connectAs(principal(["weather:read"]));
  refused = await connectAs(principal(["hitl:ask"]));
}, 120_000);
afterAll(async () => {
  await allowed?.close();
  await refused?.close();
  await app?.close();
});

describe("one parse on the tool path", () => {
  it.each(["echo_typed", "echo_raw"])("%s: the arguments are parsed exactly once", async (name) => {
    const r = await callTool(allowed, name, { word: "hi" });
    expect(r.isError).toBe(false);
    expect(r.structured).toEqual({ message: "hi!" });
  });

  it.each(["echo_typed", "echo_raw"])("%s: bad input is our 422 naming the field, not the SDK's", async (name) => {
    const r = await callTool(allowed, name, { word: 5 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^word: /);
    expect(r.text).not.toMatch(/Input validation error/);
  });

  it.each(["echo_typed", "echo_raw"])("%s: the scope is checked before the input (403 before 422)", async (name) => {
    const r = await callTool(refused, name, { word: 5 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/weather:read/);
    expect(r.text).not.toMatch(/word/);
  });
});

describe("the real /api/mcp", () => {
  it("a key without the scope sending bad arguments hears the scope error, for either kind of tool", async () => {
    const key = (await createApiKey(app.deps.db, { accountId: app.accountA.id, name: "no calls", scopes: ["weather:read"] })).key;
    const client = await connectInProcess({ authorization: `Bearer ${key}` });
    try {
      // get_call_details parses in the tool; get_call_history hands its arguments to listCalls, which parses them.
      for (const [name, args] of [
        ["get_call_details", { callId: 42 }],
        ["get_call_history", { limit: "lots" }],
      ] as const) {
        const r = await callTool(client, name, args);
        expect(r.isError).toBe(true);
        expect(r.text).toMatch(/calls:read/);
      }
    } finally {
      await client.close();
    }
  });

  it("bad arguments from a key with the scope get one message naming the field", async () => {
    const key = (await createApiKey(app.deps.db, { accountId: app.accountA.id, name: "calls", scopes: ["calls:read"] })).key;
    const client = await connectInProcess({ authorization: `Bearer ${key}` });
    try {
      const r = await callTool(client, "get_call_history", { limit: 1000 });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/^limit: /);
      expect(r.text).not.toMatch(/Input validation error/);
    } finally {
      await client.close();
    }
  });
});
