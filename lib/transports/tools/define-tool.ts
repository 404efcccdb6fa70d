import type { z } from "zod";
import type { Principal } from "@/lib/domains/auth/principal";
import { type Deps, getDeps } from "@/lib/composition/deps";
import type { AppError } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { cacheToolSchemas } from "@/lib/transports/tools/schema-cache";
import type { ErrorStyle } from "@/lib/transports/tools/tool-result";
import type { ToolEntry } from "@/lib/platform/agent-platform-ids";
import { scopeRefusal, type ToolScopes } from "@/lib/transports/tools/tool-scopes";

type Annotations = { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean };
type ProgressReporter = (elapsedMs: number, totalMs: number) => Promise<void>;

/** What an entry may widen: an agent platform lets ask_human wait as long as its tool timeout allows (Retell up to RETELL_MAX_WAIT_SECONDS), MCP clients give up at 60 s. */
export type EntryLimits = { maxWaitSeconds?: number };

/** The request facts an entry (/api/mcp, an agent platform's function-call route) hands a tool; nothing about them is global. */
export type ToolRequest = EntryLimits & {
  principal: Principal;
  entry: ToolEntry;
  /** The origin the request reached us on: webhook and recording URLs fall back to it when APP_URL is unset. */
  origin?: string;
  /** Aborted when the caller goes away; a tool that waits stops waiting. */
  signal?: AbortSignal;
  /** A progress reporter for a wait, when the caller asked for progress (MCP's progress token). */
  progress?: (what: string) => ProgressReporter | undefined;
};

/** What `run` receives: the request facts and the deps the tool asked for. */
export type ToolContext<D extends Deps = Deps> = Omit<ToolRequest, "progress"> & {
  deps: D;
  progress: (what: string) => ProgressReporter | undefined;
};

export type ToolDefinition<I extends z.ZodObject, O extends z.ZodObject, D extends Deps> = {
  name: string;
  title: string;
  description: string;
  input: I;
  /** The input schema on an entry with other limits (ask_human's longer waits on Retell); `input` otherwise. */
  inputFor?: (limits: EntryLimits) => I;
  output: O;
  annotations: Annotations;
  /** Who may call it: a credential holding any of these scopes (checked here, and again by the domain function). */
  scopes: ToolScopes;
  /** How failures are worded (lib/transports/tools/tool-result.ts); `standard` unless the tool's family speaks otherwise. */
  errors?: ErrorStyle;
  /** One domain call: validated input in, the result (with a `message` to say where it makes sense) out. */
  run: (input: z.infer<I>, ctx: ToolContext<D>) => Promise<z.infer<O>>;
};

/** A tool as every entry sees it: MCP registers it (lib/transports/mcp/register-tool.ts), agent platforms (Retell, …) look it up (lib/transports/tools/tool-registry.ts). */
export type Tool<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> = {
  name: string;
  title: string;
  description: string;
  scopes: ToolScopes;
  errors: ErrorStyle;
  /** The SDK's registerTool config; benches register the same one. */
  config: { title: string; description: string; inputSchema: I; outputSchema: O; annotations: Annotations };
  inputSchema(limits: EntryLimits): I;
  /** Validates arguments with the tool's schema: a validation_failed AppError naming the field. */
  parse(args: unknown, limits?: EntryLimits): z.infer<I>;
  /** The one scope check: the 403 naming the missing scope, or null. */
  refusal(principal: Principal): AppError | null;
  /** Resolves the tool's deps and runs it (input already validated, scope already checked). */
  execute(input: z.infer<I>, request: ToolRequest): Promise<z.infer<O>>;
};

/**
 * The one way to define a tool: its contract, its scopes and a `run` that calls one domain function.
 * Every entry runs it the same way: MCP (lib/transports/mcp/register-tool.ts) and Retell custom functions
 * (lib/transports/agent-platforms/handle-function-call.ts) apply the same validation, the same scope check and the
 * one error classification (lib/transports/tools/tool-result.ts), each in its own wire format.
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject, D extends Deps = Deps>(def: ToolDefinition<I, O, D>): Tool<I, O> {
  const errors = def.errors ?? "standard";
  const config = {
    title: def.title,
    description: def.description,
    inputSchema: def.input,
    outputSchema: def.output,
    annotations: def.annotations,
  };
  // A fresh McpServer per request would otherwise redo zod → JSON Schema on every call (lib/transports/tools/schema-cache.ts).
  cacheToolSchemas(config);
  const inputSchema = (limits: EntryLimits) => def.inputFor?.(limits) ?? def.input;
  const tool: Tool<I, O> = {
    name: def.name,
    title: def.title,
    description: def.description,
    scopes: def.scopes,
    errors,
    config,
    inputSchema,
    parse: (args, limits = {}) => parseOrThrow(inputSchema(limits), args),
    refusal: (principal) => scopeRefusal(principal, def.scopes),
    async execute(input, { progress, ...request }) {
      const deps = (await getDeps()) as D;
      return def.run(input, { ...request, deps, progress: progress ?? (() => undefined) });
    },
  };
  return tool;
}
