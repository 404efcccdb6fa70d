import type { McpServer } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { getDeps, type Deps } from "@/lib/deps";
import { inputErrorOf, isAppError } from "@/lib/errors";
import { errorForLog, log } from "@/lib/log";
import { principalOf, type ToolContext } from "@/lib/mcp/context";
import { deniedTool, type ToolScopes } from "@/lib/mcp/tool-scopes";

type Annotations = { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
type Run<I, O> = (deps: Deps, principal: Principal, input: I) => Promise<O>;

export const GOLF_DOWN = "I can't reach the tee sheet right now; please try again in a minute.";

/**
 * The result of a golf call that did not succeed, for a voice agent: a JSON text whose `message` comes
 * first and is a sentence to say as is ("That 9:10 AM tee time has only 2 spots left…"), then `error`
 * (code, for the model). Only an unexpected failure is logged; its sentence says nothing internal.
 */
export function golfToolError(e: unknown, tool: string) {
  const err = isAppError(e) ? e : inputErrorOf(e);
  if (!err) log.error({ tool, err: errorForLog(e) }, "golf tool failed");
  const body = err ? { message: err.message, error: err.code } : { message: GOLF_DOWN, error: "internal" };
  return { content: [{ type: "text" as const, text: JSON.stringify(body) }], isError: true as const };
}

/** A golf tool: its contract (name, scopes, input and output schemas) and a thin handler over lib/golf. */
export function defineGolfTool<I extends z.ZodObject, O extends z.ZodObject>(def: {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Annotations;
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
        const result = (await def.run(await getDeps(), principalOf(ctx as ToolContext), input)) as Record<string, unknown>;
        return { content: [{ type: "text" as const, text: JSON.stringify(result) }], structuredContent: result };
      } catch (e) {
        return golfToolError(e, def.name);
      }
    }) as never);
  return { contract, register, run: def.run };
}
