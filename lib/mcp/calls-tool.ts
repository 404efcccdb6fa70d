import type { McpServer } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import type { CallsDeps } from "@/lib/calls/deps";
import { getDeps } from "@/lib/deps";
import { principalOf, type ToolContext } from "@/lib/mcp/context";
import { deniedTool, type ToolScopes } from "@/lib/mcp/tool-scopes";
import { clientToolError } from "@/lib/mcp/tool-result";

type Annotations = { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
type Run<I, O> = (deps: CallsDeps, principal: Principal, input: I, extra: { origin?: string }) => Promise<O>;

/**
 * A calls/credits tool: contract (exported, so benches and docs reuse it) plus a thin handler —
 * validated input → one domain call → structuredContent. Bad input becomes a tool error naming the field
 * (clientToolError); only a platform failure is logged and reported as "try again shortly".
 */
export function defineCallsTool<I extends z.ZodObject, O extends z.ZodObject>(def: {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Annotations;
  /** Who may call it: a key holding any of these scopes (checked here, and again by the domain function). */
  scopes: ToolScopes;
  run: Run<z.infer<I>, z.infer<O>>;
}) {
  const contract = {
    name: def.name,
    scopes: def.scopes,
    config: { title: def.title, description: def.description, inputSchema: def.input, outputSchema: def.output, annotations: def.annotations },
  } as const;
  const register = (server: McpServer) =>
    server.registerTool(contract.name, contract.config, (async (input: z.infer<I>, ctx: unknown) => {
      try {
        const denied = deniedTool(ctx, def.scopes);
        if (denied) return denied;
        const c = ctx as ToolContext;
        const origin = c.http?.authInfo?.extra?.origin as string | undefined;
        const result = (await def.run(await getDeps(), principalOf(c), input, { origin })) as Record<string, unknown>;
        return { content: [{ type: "text" as const, text: JSON.stringify(result) }], structuredContent: result };
      } catch (e) {
        return clientToolError(e, def.name) ?? { content: [{ type: "text" as const, text: "Switchboard could not complete this request right now; try again shortly." }], isError: true };
      }
    }) as never);
  // `run` is the same thin adapter other entries (Retell custom functions) call: lib/mcp/tool-registry.ts.
  return { contract, register, run: def.run };
}
