import { z } from "zod";
import { TOOL_REGISTRY } from "@/lib/transports/tools/tool-registry";

/** Stands for the Switchboard API key in generated snippets; the Connect Retell page fills it in, in the browser. */
export const KEY_PLACEHOLDER = "SWITCHBOARD_API_KEY";

/** What the agent says while a slow tool runs; quick tools need nothing. */
const SPEAK: Record<string, string> = {
  ask_human: "One moment while I check with a colleague.",
  get_human_answer: "Let me see whether my colleague has answered.",
  make_phone_call: "I'm placing that call now.",
};

/** A Retell LLM custom tool (`general_tools` entry / dashboard "Custom Function"), as Retell's API names the fields. */
export type RetellFunctionDefinition = {
  type: "custom";
  name: string;
  description: string;
  url: string;
  method: "POST";
  headers: Record<string, string>;
  parameters: Record<string, unknown>;
  speak_during_execution: boolean;
  execution_message_description?: string;
  speak_after_execution: true;
  timeout_ms: number;
};

export type RetellMcpEntry = { name: string; url: string; headers: Record<string, string>; timeout_ms: number };

/** The tool's input schema as JSON Schema, from the same zod schema that validates its arguments. */
function parametersOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-7" }) as Record<
    string,
    unknown
  >;
  return rest;
}

/**
 * Every tool as a ready-to-paste Retell custom function: our URL, the key header (placeholder), the parameters
 * from the tool's own zod schema (ask_human's wait limit widened to RETELL_MAX_WAIT_SECONDS, as on this entry),
 * a "speak during execution" line for the slow ones, and a timeout above the longest wait.
 */
export function retellFunctionDefinitions(opts: { baseUrl: string; maxWaitSeconds: number }): RetellFunctionDefinition[] {
  const headers = { Authorization: `Bearer ${KEY_PLACEHOLDER}` };
  return [...TOOL_REGISTRY.values()].map((t) => {
    const speak = SPEAK[t.name];
    return {
      type: "custom",
      name: t.name,
      description: t.description,
      url: `${opts.baseUrl}/api/retell/functions`,
      method: "POST",
      headers,
      parameters: parametersOf(t.inputSchema({ maxWaitSeconds: opts.maxWaitSeconds })),
      speak_during_execution: !!speak,
      ...(speak ? { execution_message_description: speak } : {}),
      speak_after_execution: true,
      timeout_ms: t.name === "ask_human" ? Math.max(120_000, (opts.maxWaitSeconds + 10) * 1000) : 30_000,
    };
  });
}

/** The MCP server entry for a Retell LLM (`mcps`): MCP clients give up at 60 s, so ask_human waits at most 55 s here. */
export function retellMcpEntry(baseUrl: string): RetellMcpEntry {
  return { name: "switchboard", url: `${baseUrl}/api/mcp`, headers: { Authorization: `Bearer ${KEY_PLACEHOLDER}` }, timeout_ms: 60_000 };
}
