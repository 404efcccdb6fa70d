import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import * as mcpRoute from "@/app/api/mcp/route";
import { BASE } from "@/tests/support/matrix/app-harness";

/** The official MCP client with its HTTP going straight into the real /api/mcp route handler (no server). */
export async function connectInProcess(headers: Record<string, string>): Promise<Client> {
  const handler = mcpRoute as unknown as Record<string, (req: Request) => Promise<Response>>;
  const fetchInProcess = async (url: string | URL, init?: RequestInit) => {
    const req = new Request(url, init);
    req.headers.set("host", "127.0.0.1:3000");
    return handler[req.method]!(req);
  };
  const client = new Client({ name: "switchboard-tests", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("/api/mcp", BASE), { requestInit: { headers }, fetch: fetchInProcess as never }),
  );
  return client;
}

export type ToolOutcome = { isError: boolean; text: string; structured: Record<string, unknown> | undefined };

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
  const r = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: Array<{ text?: string }>;
    structuredContent?: Record<string, unknown>;
  };
  return { isError: !!r.isError, text: r.content.map((c) => c.text ?? "").join(" "), structured: r.structuredContent };
}
