import type { Tool } from "@/lib/transports/tools/define-tool";
import { ALL_TOOLS } from "@/lib/transports/tools/catalog";

/**
 * Every tool /api/mcp offers, by name, for entries other than MCP (Retell custom functions): the very
 * definitions MCP registers, so a tool's `run`, validation and scope check live once.
 */
export const TOOL_REGISTRY: ReadonlyMap<string, Tool> = new Map(ALL_TOOLS.map((t) => [t.name, t]));
