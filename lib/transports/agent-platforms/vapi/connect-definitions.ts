import { z } from "zod";
import { TOOL_REGISTRY } from "@/lib/transports/tools/tool-registry";

/** Stands for the Switchboard API key in generated definitions; the Connect Vapi page fills it in, in the browser. */
export const KEY_PLACEHOLDER = "SWITCHBOARD_API_KEY";

/** What the assistant says when a tool starts and when it takes long; quick tools need nothing. */
const SPEAK: Record<string, { start: string; delayed: string }> = {
  ask_human: { start: "One moment while I check with a colleague.", delayed: "I'm still waiting to hear back from my colleague." },
  get_human_answer: { start: "Let me see whether my colleague has answered.", delayed: "Just a moment more." },
  make_phone_call: { start: "I'm placing that call now.", delayed: "Still placing the call." },
};

/** A Vapi function tool (POST /tool, or an assistant's model.tools entry), as Vapi's API names the fields. */
export type VapiToolDefinition = {
  type: "function";
  async: false;
  function: { name: string; description: string; parameters: Record<string, unknown> };
  server: { url: string; timeoutSeconds: number; headers: Record<string, string> };
  messages?: Array<
    { type: "request-start"; content: string } | { type: "request-response-delayed"; content: string; timingMilliseconds: number }
  >;
};

function parametersOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-7" }) as Record<
    string,
    unknown
  >;
  return rest;
}

/**
 * Every tool as a ready-to-paste Vapi function tool: our URL with the key as a Bearer header (placeholder),
 * the parameters from the tool's own zod schema (ask_human's wait limited to the account's Vapi wait), a
 * server timeout above that wait, and for the slow tools a start line and a "request-response-delayed" line
 * so the caller hears something while a person is asked.
 */
export function vapiToolDefinitions(opts: { baseUrl: string; maxWaitSeconds: number }): VapiToolDefinition[] {
  const headers = { Authorization: `Bearer ${KEY_PLACEHOLDER}` };
  return [...TOOL_REGISTRY.values()].map((t) => {
    const speak = SPEAK[t.name];
    return {
      type: "function",
      async: false,
      function: {
        name: t.name,
        description: t.description,
        parameters: parametersOf(t.inputSchema({ maxWaitSeconds: opts.maxWaitSeconds })),
      },
      server: { url: `${opts.baseUrl}/api/vapi/tools`, timeoutSeconds: vapiTimeoutFor(t.name, opts.maxWaitSeconds), headers },
      ...(speak
        ? {
            messages: [
              { type: "request-start" as const, content: speak.start },
              { type: "request-response-delayed" as const, content: speak.delayed, timingMilliseconds: 5000 },
            ],
          }
        : {}),
    };
  });
}

/** The server timeout to set on a tool in Vapi: ask_human's wait plus room for the answer to come back. */
export const vapiTimeoutFor = (tool: string, maxWaitSeconds: number) => (tool === "ask_human" ? maxWaitSeconds + 2 : 20);
