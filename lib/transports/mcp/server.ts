import type { McpServer } from "@modelcontextprotocol/server";
import { ESCALATION_GUIDE } from "@/lib/transports/mcp/instructions";
import { caseResource } from "@/lib/transports/mcp/resources/case-resource";
import { ALL_TOOLS } from "@/lib/transports/tools/catalog";
import { CALLS_RESOURCES } from "@/lib/transports/mcp/resources/calls-resources";
import { registerTool } from "@/lib/transports/mcp/register-tool";
import { getConfig } from "@/lib/platform/config/env";
import { currentMcpCaller, type McpCaller } from "@/lib/transports/mcp/mcp-caller";

export { ALL_TOOLS, CALLS_TOOLS, GOLF_TOOLS, HITL_TOOLS, UTILITY_TOOLS } from "@/lib/transports/tools/catalog";

export { SERVER_INSTRUCTIONS } from "@/lib/transports/mcp/instructions";

/** Every resource (lib/transports/mcp/define-resource.ts). */
export const ALL_RESOURCES = [caseResource, ...CALLS_RESOURCES];

type Register = (server: McpServer) => void;
let conformanceFixtures: Register | undefined;

/**
 * The conformance suite's fixtures (scripts/conformance/fixtures.ts), imported only when MCP_CONFORMANCE_FIXTURES
 * is on: they are not part of what /api/mcp loads in production. Called before each request is served.
 */
export async function loadConformanceFixtures(): Promise<void> {
  if (!getConfig().MCP_CONFORMANCE_FIXTURES || conformanceFixtures) return;
  conformanceFixtures = (await import("@/scripts/conformance/fixtures")).registerConformanceFixtures;
}

/**
 * A `tools/call` of one of our tools needs that tool and nothing else on the server built for it: registering the
 * other tools, the resources and the prompt for every call cost ~40 KB more per call held open (an `ask_human` that
 * waits keeps its server) and their registration's CPU (bench figures 2 and 8). Any other request — or a name we do
 * not know, which the SDK must answer "not found" for as always — gets everything.
 */
export function onlyToolFor(caller: McpCaller | undefined): (typeof ALL_TOOLS)[number] | undefined {
  return caller?.toolName ? ALL_TOOLS.find((t) => t.name === caller.toolName) : undefined;
}

/**
 * Everything the MCP server offers; each tool is a thin adapter over lib/domains/hitl, lib/domains/calls or
 * lib/domains/golf. tools/list shows a caller only the tools its scopes can call (a model choosing among
 * tools it cannot use wastes turns); every tool stays registered for tools/call, so calling one anyway still
 * answers with the scope error naming what is missing.
 */
export function registerSwitchboard(server: McpServer, caller: McpCaller | undefined = currentMcpCaller()): void {
  const only = onlyToolFor(caller);
  if (only) {
    registerTool(server, only);
    return;
  }
  for (const tool of ALL_TOOLS) {
    const registered = registerTool(server, tool);
    if (caller?.listing && caller.principal && tool.refusal(caller.principal)) registered.disable();
  }
  for (const resource of ALL_RESOURCES) resource.register(server);
  server.registerPrompt(
    "escalation-guide",
    { title: "Escalation guide", description: "When and how a voice agent should escalate to a human with Switchboard." },
    () => ({ messages: [{ role: "user" as const, content: { type: "text" as const, text: ESCALATION_GUIDE } }] }),
  );
  if (getConfig().MCP_CONFORMANCE_FIXTURES) conformanceFixtures?.(server);
}
