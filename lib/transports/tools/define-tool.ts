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

type ToolBase<I extends z.ZodObject, O extends z.ZodObject> = {
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
};

/**
 * A tool's input is parsed exactly once on its way in, by whichever side owns the parse:
 * - `runRaw` when the domain function takes the arguments as received (`raw: unknown`) and parses them with
 *   its own schema (CONTRIBUTING: domain functions parse raw input): nothing here parses them first;
 * - `run` when the domain function takes typed values (an id, options): `defineTool` parses the arguments
 *   with `input` (or `inputFor`) and hands the result on.
 * Either way the SDK never validates them (see `listedOnly`), and the scope check comes first.
 */
export type ToolDefinition<I extends z.ZodObject, O extends z.ZodObject, D extends Deps> = ToolBase<I, O> &
  (
    | {
        /** One domain call: input parsed with `input` in, the result (with a `message` to say where it makes sense) out. */
        run: (input: z.infer<I>, ctx: ToolContext<D>) => Promise<z.infer<O>>;
        runRaw?: never;
      }
    | {
        /** One domain call that parses the arguments itself: the arguments as the entry received them in. */
        runRaw: (args: unknown, ctx: ToolContext<D>) => Promise<z.infer<O>>;
        run?: never;
      }
  );

/** A tool as every entry sees it: MCP registers it (lib/transports/mcp/register-tool.ts), agent platforms (Retell, …) look it up (lib/transports/tools/tool-registry.ts). */
export type Tool<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> = {
  name: string;
  title: string;
  description: string;
  scopes: ToolScopes;
  errors: ErrorStyle;
  /** The SDK's registerTool config (the input schema listed, never validated there); benches register the same one. */
  config: { title: string; description: string; inputSchema: ListedSchema; outputSchema: O; annotations: Annotations };
  /** The input schema the entry lists (Retell's function parameters); `execute` does the one parse. */
  inputSchema(limits: EntryLimits): I;
  /** The one scope check: the 403 naming the missing scope, or null. */
  refusal(principal: Principal): AppError | null;
  /**
   * Resolves the tool's deps and runs it on the arguments as the entry received them (scope already
   * checked): parsed once, here or by the domain function; bad input is a validation_failed naming the field.
   */
  execute(args: unknown, request: ToolRequest): Promise<z.infer<O>>;
};

/** A Standard Schema that lists a zod schema's JSON Schema and accepts any value as it is. */
export type ListedSchema = {
  "~standard": {
    version: 1;
    vendor: string;
    validate: (value: unknown) => { value: unknown };
    jsonSchema: z.ZodObject["~standard"]["jsonSchema"];
  };
};

/**
 * How a tool's input schema is handed to the MCP SDK: `tools/list` (and the Mcp-Param header check) get its JSON
 * Schema, but the SDK's own validation passes the arguments through untouched, so they are parsed once, by the
 * tool or its domain function, after the scope check (403 before 422, and our 422 naming each field).
 */
export function listedOnly(schema: z.ZodObject): ListedSchema {
  return {
    "~standard": {
      version: 1,
      vendor: "switchboard-listed",
      validate: (value) => ({ value }),
      get jsonSchema() {
        return schema["~standard"].jsonSchema;
      },
    },
  };
}

/**
 * The one way to define a tool: its contract, its scopes and a `run` that calls one domain function.
 * Every entry runs it the same way: MCP (lib/transports/mcp/register-tool.ts) and Retell custom functions
 * (lib/transports/agent-platforms/handle-function-call.ts) apply the same validation, the same scope check and the
 * one error classification (lib/transports/tools/tool-result.ts), each in its own wire format.
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject, D extends Deps = Deps>(def: ToolDefinition<I, O, D>): Tool<I, O> {
  const errors = def.errors ?? "standard";
  // A fresh McpServer per request would otherwise redo zod → JSON Schema on every call (lib/transports/tools/schema-cache.ts).
  cacheToolSchemas({ inputSchema: def.input, outputSchema: def.output });
  const config = {
    title: def.title,
    description: def.description,
    inputSchema: listedOnly(def.input),
    outputSchema: def.output,
    annotations: def.annotations,
  };
  const inputSchema = (limits: EntryLimits) => def.inputFor?.(limits) ?? def.input;
  const tool: Tool<I, O> = {
    name: def.name,
    title: def.title,
    description: def.description,
    scopes: def.scopes,
    errors,
    config,
    inputSchema,
    refusal: (principal) => scopeRefusal(principal, def.scopes),
    async execute(args, { progress, ...request }) {
      const deps = (await getDeps()) as D;
      const ctx: ToolContext<D> = { ...request, deps, progress: progress ?? (() => undefined) };
      if (def.runRaw) return def.runRaw(args ?? {}, ctx);
      return def.run(parseOrThrow(inputSchema(request), args ?? {}), ctx);
    },
  };
  return tool;
}
