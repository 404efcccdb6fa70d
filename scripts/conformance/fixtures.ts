/**
 * The MCP conformance suite's fixtures (tools, resources and prompts named test_* / test://…, which its
 * scenarios call), registered only when MCP_CONFORMANCE_FIXTURES=true — set by `npm run test:conformance`
 * and never in production. They run on the very stack every client uses (the /api/mcp route, the API-key
 * check, the rate limit, the bounded body, mcp-handler), so the suite's passes say something about that
 * stack rather than about a separate test server. None of them touches a database or an account.
 */
import { completable, fromJsonSchema, type McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { McpRequestContext } from "@/lib/transports/mcp/context";

// A 1×1 red PNG and a 10 ms silent WAV (8 kHz, 8-bit mono), base64.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const WAV = Buffer.concat([
  Buffer.from("RIFF"),
  u32(36 + 80),
  Buffer.from("WAVEfmt "),
  u32(16),
  u16(1),
  u16(1),
  u32(8000),
  u32(8000),
  u16(1),
  u16(8),
  Buffer.from("data"),
  u32(80),
  Buffer.alloc(80, 0x80),
]).toString("base64");
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

const text = (t: string) => ({ type: "text" as const, text: t });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const embedded = (uri: string) => ({
  type: "resource" as const,
  resource: { uri, mimeType: "text/plain", text: `The content of ${uri}.` },
});

/** A tool whose input schema uses JSON Schema 2020-12 keywords the SDK must pass through untouched. */
const JSON_SCHEMA_2020_12 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  $defs: { address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } } },
  properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
  additionalProperties: false,
} as const;

function registerTools(server: McpServer) {
  server.registerTool("test_simple_text", { description: "Returns a simple text." }, async () => ({
    content: [text("This is a simple text response for testing.")],
  }));
  server.registerTool("test_image_content", { description: "Returns an image." }, async () => ({
    content: [{ type: "image", data: PNG, mimeType: "image/png" }],
  }));
  server.registerTool("test_audio_content", { description: "Returns audio." }, async () => ({
    content: [{ type: "audio", data: WAV, mimeType: "audio/wav" }],
  }));
  server.registerTool("test_embedded_resource", { description: "Returns an embedded resource." }, async () => ({
    content: [embedded("test://embedded-resource")],
  }));
  server.registerTool("test_multiple_content_types", { description: "Returns text, an image and a resource." }, async () => ({
    content: [
      text("Multiple content types test:"),
      { type: "image", data: PNG, mimeType: "image/png" },
      embedded("test://mixed-content-resource"),
    ],
  }));
  server.registerTool("test_error_handling", { description: "Always fails as a tool result." }, async () => ({
    isError: true,
    content: [text("This tool intentionally returns an error for testing")],
  }));
  server.registerTool("test_tool_with_logging", { description: "Logs three messages while it runs." }, async (ctx) => {
    const req = (ctx as unknown as { mcpReq: { log: (level: "info", data: unknown) => Promise<void> } }).mcpReq;
    for (const step of ["Tool execution started", "Tool processing data", "Tool execution completed"]) {
      await req.log("info", step);
      await sleep(50);
    }
    return { content: [text("Logging test completed")] };
  });
  server.registerTool("test_tool_with_progress", { description: "Reports progress three times." }, async (ctx) => {
    const req = (ctx as unknown as McpRequestContext).mcpReq;
    const token = req._meta?.progressToken;
    for (const progress of [0, 50, 100]) {
      if (token !== undefined)
        await req.notify({ method: "notifications/progress", params: { progressToken: token, progress, total: 100 } });
      await sleep(50);
    }
    return { content: [text("Progress test completed")] };
  });
  server.registerTool(
    "json_schema_2020_12_tool",
    { description: "Tool with JSON Schema 2020-12 features", inputSchema: fromJsonSchema(JSON_SCHEMA_2020_12) },
    async () => ({ content: [text("ok")] }),
  );
}

function registerResources(server: McpServer) {
  server.registerResource("static-text", "test://static-text", { mimeType: "text/plain" }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: "text/plain", text: "This is the content of the static text resource." }],
  }));
  server.registerResource("static-binary", "test://static-binary", { mimeType: "image/png" }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: "image/png", blob: PNG }],
  }));
  server.registerResource("watched-resource", "test://watched-resource", { mimeType: "text/plain" }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: "text/plain", text: "Watched resource content" }],
  }));
  server.registerResource(
    "template",
    new ResourceTemplate("test://template/{id}/data", { list: undefined }),
    { mimeType: "application/json" },
    async (uri, v) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: "application/json",
          text: JSON.stringify({ id: v.id, templateTest: true, data: `Data for ID: ${v.id}` }),
        },
      ],
    }),
  );
  // Subscriptions are accepted and forgotten: a stateless server has no session to notify later.
  server.server.registerCapabilities({ resources: { subscribe: true }, logging: {} });
  server.server.setRequestHandler("resources/subscribe", async () => ({}));
  server.server.setRequestHandler("resources/unsubscribe", async () => ({}));
}

function registerPrompts(server: McpServer) {
  server.registerPrompt("test_simple_prompt", { description: "A prompt without arguments." }, () => ({
    messages: [{ role: "user", content: text("This is a simple prompt for testing.") }],
  }));
  server.registerPrompt(
    "test_prompt_with_arguments",
    {
      description: "A prompt with two arguments.",
      argsSchema: z.object({
        arg1: completable(z.string().describe("First test argument"), (value) =>
          ["paris", "park", "party"].filter((x) => x.startsWith(value)),
        ),
        arg2: z.string().describe("Second test argument"),
      }),
    },
    ({ arg1, arg2 }) => ({ messages: [{ role: "user", content: text(`Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`) }] }),
  );
  server.registerPrompt(
    "test_prompt_with_embedded_resource",
    { description: "A prompt embedding a resource.", argsSchema: z.object({ resourceUri: z.string() }) },
    ({ resourceUri }) => ({
      messages: [
        { role: "user", content: embedded(resourceUri) },
        { role: "user", content: text("Please process the embedded resource above.") },
      ],
    }),
  );
  server.registerPrompt("test_prompt_with_image", { description: "A prompt with an image." }, () => ({
    messages: [
      { role: "user", content: { type: "image", data: PNG, mimeType: "image/png" } },
      { role: "user", content: text("Please analyze the image above.") },
    ],
  }));
}

export function registerConformanceFixtures(server: McpServer): void {
  registerTools(server);
  registerResources(server);
  registerPrompts(server);
}
