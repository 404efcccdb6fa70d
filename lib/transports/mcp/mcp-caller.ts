import { AsyncLocalStorage } from "node:async_hooks";
import type { Principal } from "@/lib/domains/auth/principal";

/**
 * Who is calling /api/mcp, whether the request lists the tools, and which tool a `tools/call` names. The
 * stateless MCP server is built per request, but mcp-handler builds it without the request; this carries the
 * caller from the handler to registerSwitchboard (lib/transports/mcp/server.ts).
 */
export type McpCaller = { principal: Principal; listing: boolean; toolName?: string };

const store = new AsyncLocalStorage<McpCaller>();

export const runAsMcpCaller = <T>(caller: McpCaller, fn: () => T): T => store.run(caller, fn);
export const currentMcpCaller = (): McpCaller | undefined => store.getStore();
