import { AppError } from "@/lib/platform/errors";
import type { Tool } from "@/lib/transports/tools/define-tool";
import { TOOL_REGISTRY } from "@/lib/transports/tools/tool-registry";
import { retellCallSchema, type RetellCall } from "@/lib/transports/agent-platforms/retell/call-context";

export type FunctionRequest = { tool: Tool; args: Record<string, unknown>; call?: RetellCall };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Retell's custom-function body: `{ name, call, args }`, or — with "args at root" (`args_at_root: true`) —
 * the arguments themselves at the root. Retell's docs only say the parameters then come "as root level JSON
 * instead of nested under args"; the function's name is not promised to be in the body, so it comes from
 * `?tool=<name>` on the URL configured for that function (a body `name` naming a tool is also accepted,
 * and `call`, when present at the root, is taken as the call object: no tool has arguments of those names).
 * Anything malformed is a 400 — Retell must not retry it.
 */
export function parseFunctionRequest(body: unknown, toolParam: string | null): FunctionRequest {
  if (!isObject(body))
    throw new AppError(
      "bad_request",
      "The request body must be a JSON object: Retell's { name, call, args }, or the arguments at the root with ?tool=<name>.",
    );
  const nested = "args" in body;
  if (nested && !isObject(body.args)) throw new AppError("bad_request", "args: must be a JSON object.");
  const bodyName = typeof body.name === "string" ? body.name : undefined;
  if ("name" in body && bodyName === undefined) throw new AppError("bad_request", "name: must be a string (the function's name).");
  const rootName = !nested && bodyName && !TOOL_REGISTRY.has(bodyName) ? undefined : bodyName;
  if (toolParam !== null && rootName !== undefined && toolParam !== rootName) {
    throw new AppError(
      "bad_request",
      `The URL says ?tool=${toolParam} but the body's name is ${rootName}: configure one function per tool.`,
    );
  }
  const name = toolParam ?? rootName;
  if (!name)
    throw new AppError(
      "bad_request",
      "Which function? Send Retell's { name, args } body, or add ?tool=<name> to the function's URL (needed with \"args at root\").",
    );
  const tool = TOOL_REGISTRY.get(name);
  if (!tool)
    throw new AppError(
      "bad_request",
      `Unknown function "${name.slice(0, 100)}". Switchboard offers: ${[...TOOL_REGISTRY.keys()].join(", ")}.`,
    );

  let args: Record<string, unknown>;
  if (nested) args = body.args as Record<string, unknown>;
  else {
    const { call: _call, ...rest } = body;
    if (rootName !== undefined) delete rest.name;
    args = rest;
  }
  let call: RetellCall | undefined;
  if (body.call !== undefined) {
    const parsed = retellCallSchema.safeParse(body.call);
    if (!parsed.success) throw new AppError("bad_request", "call: must be Retell's call object (a JSON object).");
    call = parsed.data;
  }
  return { tool, args, call };
}
