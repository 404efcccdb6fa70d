import type { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { getDeps } from "@/lib/deps";
import { AppError, describeIssues } from "@/lib/errors";
import { askHuman, cancelHumanRequest, getHumanAnswer } from "@/lib/hitl/ask-human";
import { createCaseSchemaFor } from "@/lib/hitl/schemas";
import { CALLS_TOOLS, GOLF_TOOLS, UTILITY_TOOLS } from "@/lib/mcp/server";
import { askHumanTool } from "@/lib/mcp/tools/ask-human";
import { cancelHumanRequestTool } from "@/lib/mcp/tools/cancel-human-request";
import { getHumanAnswerTool } from "@/lib/mcp/tools/get-human-answer";
import type { ToolScopes } from "@/lib/mcp/tool-scopes";

/** What an entry other than MCP passes to a tool: abort signal, our origin, and how long a wait may be. */
export type ToolRunContext = { signal?: AbortSignal; origin?: string; maxWaitSeconds?: number };

/**
 * One tool as every entry sees it: the MCP contract's name, scopes and input schema, and `run` — the same
 * domain call the MCP handler makes. /api/mcp registers the tools through lib/mcp/server.ts; other entries
 * (Retell custom functions) look them up here, so a tool's logic, permission and validation live once.
 */
export type RegisteredTool = {
  name: string;
  kind: "hitl" | "calls" | "golf";
  scopes: ToolScopes;
  title: string;
  description: string;
  /** The tool's input schema (ask_human's wait limit widened to `maxWaitSeconds`), for generated definitions. */
  inputSchema: (ctx: ToolRunContext) => z.ZodType;
  /** Validates arguments with the tool's own schema (ask_human's wait limit widened by `maxWaitSeconds`). */
  parse: (args: unknown, ctx: ToolRunContext) => Record<string, unknown>;
  run: (principal: Principal, input: Record<string, unknown>, ctx: ToolRunContext) => Promise<Record<string, unknown>>;
};

const parseWith = (schema: z.ZodType, args: unknown) => {
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw new AppError("validation_failed", describeIssues(parsed.error.issues));
  return parsed.data as Record<string, unknown>;
};

const hitl: RegisteredTool[] = [
  {
    name: askHumanTool.name,
    kind: "hitl",
    scopes: askHumanTool.scopes,
    title: askHumanTool.config.title,
    description: askHumanTool.config.description,
    inputSchema: (ctx) => createCaseSchemaFor(ctx.maxWaitSeconds ?? 55),
    parse: (args, ctx) => parseWith(createCaseSchemaFor(ctx.maxWaitSeconds ?? 55), args),
    run: async (principal, input, ctx) =>
      askHuman(await getDeps(), principal, input, { signal: ctx.signal, source: ctx.maxWaitSeconds ? "retell" : "mcp", maxTimeoutSeconds: ctx.maxWaitSeconds }),
  },
  {
    name: getHumanAnswerTool.name,
    kind: "hitl",
    scopes: getHumanAnswerTool.scopes,
    title: getHumanAnswerTool.config.title,
    description: getHumanAnswerTool.config.description,
    inputSchema: () => getHumanAnswerTool.config.inputSchema,
    parse: (args) => parseWith(getHumanAnswerTool.config.inputSchema, args),
    run: async (principal, input, ctx) => getHumanAnswer(await getDeps(), principal, input, { signal: ctx.signal }),
  },
  {
    name: cancelHumanRequestTool.name,
    kind: "hitl",
    scopes: cancelHumanRequestTool.scopes,
    title: cancelHumanRequestTool.config.title,
    description: cancelHumanRequestTool.config.description,
    inputSchema: () => cancelHumanRequestTool.config.inputSchema,
    parse: (args) => parseWith(cancelHumanRequestTool.config.inputSchema, args),
    run: async (principal, input) => cancelHumanRequest(await getDeps(), principal, input as { caseId: string }),
  },
];

// Utility tools share the calls tools' shape (defineCallsTool) and their generic outage sentence.
const calls: RegisteredTool[] = [...CALLS_TOOLS, ...UTILITY_TOOLS].map((t) => ({
  name: t.contract.name,
  kind: "calls" as const,
  scopes: t.contract.scopes,
  title: t.contract.config.title,
  description: t.contract.config.description,
  inputSchema: () => t.contract.config.inputSchema as z.ZodType,
  parse: (args: unknown) => parseWith(t.contract.config.inputSchema, args),
  run: async (principal: Principal, input: Record<string, unknown>, ctx: ToolRunContext) =>
    (await (t.run as (...a: unknown[]) => Promise<unknown>)(await getDeps(), principal, input, { origin: ctx.origin })) as Record<string, unknown>,
}));

const golf: RegisteredTool[] = GOLF_TOOLS.map((t) => ({
  name: t.contract.name,
  kind: "golf" as const,
  scopes: t.contract.scopes,
  title: t.contract.config.title,
  description: t.contract.config.description,
  inputSchema: () => t.contract.config.inputSchema as z.ZodType,
  parse: (args: unknown) => parseWith(t.contract.config.inputSchema, args),
  run: async (principal: Principal, input: Record<string, unknown>) =>
    (await (t.run as (...a: unknown[]) => Promise<unknown>)(await getDeps(), principal, input)) as Record<string, unknown>,
}));

/** Every tool /api/mcp offers, by name. */
export const TOOL_REGISTRY: ReadonlyMap<string, RegisteredTool> = new Map([...hitl, ...calls, ...golf].map((t) => [t.name, t]));
