import { Client as LegacyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as LegacyTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from "@modelcontextprotocol/client";

export type ToolCallResult = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: unknown;
};

/** The same few operations over either official client, so one suite runs against both protocol eras. */
export interface McpTestClient {
  era: "2025 (sdk 1.x)" | "2026-07-28 (client 2.x)";
  protocolVersion(): string | undefined;
  callTool(
    name: string,
    args: Record<string, unknown>,
    opts?: { onprogress?: (p: { progress: number; total?: number }) => void; timeoutMs?: number },
  ): Promise<ToolCallResult>;
  listTools(): Promise<Array<{ name: string; outputSchema?: unknown; inputSchema?: unknown }>>;
  readResource(uri: string): Promise<{ contents: Array<{ text?: string }> }>;
  getPrompt(name: string): Promise<{ messages: Array<{ content: { type: string; text?: string } }> }>;
  instructions(): string | undefined;
  close(): Promise<void>;
}

const headers = (key: string) => ({ Authorization: `Bearer ${key}` });

export async function connectLegacy(baseUrl: string, key: string): Promise<McpTestClient> {
  const client = new LegacyClient({ name: "e2e-legacy", version: "1.0.0" });
  await client.connect(new LegacyTransport(new URL("/api/mcp", baseUrl), { requestInit: { headers: headers(key) } }));
  return {
    era: "2025 (sdk 1.x)",
    protocolVersion: () => (client as unknown as { _transport?: { protocolVersion?: string } })._transport?.protocolVersion,
    callTool: async (name, args, opts = {}) =>
      (await client.callTool({ name, arguments: args }, undefined, {
        onprogress: opts.onprogress,
        timeout: opts.timeoutMs ?? 70_000,
        resetTimeoutOnProgress: true,
      })) as ToolCallResult,
    listTools: async () => (await client.listTools()).tools,
    readResource: async (uri) => (await client.readResource({ uri })) as { contents: Array<{ text?: string }> },
    getPrompt: async (name) => (await client.getPrompt({ name })) as never,
    instructions: () => client.getInstructions(),
    close: () => client.close(),
  };
}

export async function connectModern(baseUrl: string, key: string): Promise<McpTestClient> {
  const client = new ModernClient({ name: "e2e-modern", version: "2.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
  await client.connect(new ModernTransport(new URL("/api/mcp", baseUrl), { requestInit: { headers: headers(key) } }));
  return {
    era: "2026-07-28 (client 2.x)",
    protocolVersion: () => client.getNegotiatedProtocolVersion(),
    callTool: async (name, args, opts = {}) =>
      (await client.callTool(
        { name, arguments: args },
        { onprogress: opts.onprogress, timeout: opts.timeoutMs ?? 70_000, resetTimeoutOnProgress: true },
      )) as ToolCallResult,
    listTools: async () => (await client.listTools()).tools as never,
    readResource: async (uri) => (await client.readResource({ uri })) as never,
    getPrompt: async (name) => (await client.getPrompt({ name })) as never,
    instructions: () => client.getInstructions(),
    close: () => client.close(),
  };
}
