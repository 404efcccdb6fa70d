import { AppError } from "@/lib/platform/errors";
import { TOOL_REGISTRY } from "@/lib/transports/tools/tool-registry";
import type { PlatformRequest, PlatformToolCall } from "@/lib/transports/agent-platforms/port";
import { type VapiCall, vapiCallOf } from "@/lib/transports/agent-platforms/vapi/call-context";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Vapi sends at most a handful of parallel calls; more is not a Vapi request. */
const MAX_CALLS = 20;

/** Arguments as Vapi gives them: an object, or (OpenAI's function-call shape) a JSON string of one. */
function argumentsOf(raw: unknown, where: string): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      throw new AppError("bad_request", `${where}.arguments: is not JSON.`);
    }
  }
  if (!isObject(value)) throw new AppError("bad_request", `${where}.arguments: must be a JSON object.`);
  return value;
}

/** One entry of toolCallList: `{ id, name, arguments }`, or `{ id, type: "function", function: { name, arguments } }`. */
function toolCallOf(entry: unknown, where: string): PlatformToolCall {
  if (!isObject(entry)) throw new AppError("bad_request", `${where}: must be a JSON object.`);
  const fn = isObject(entry.function) ? entry.function : undefined;
  const name = typeof entry.name === "string" ? entry.name : typeof fn?.name === "string" ? fn.name : undefined;
  const id = typeof entry.id === "string" && entry.id.length <= 200 ? entry.id : undefined;
  if (!id) throw new AppError("bad_request", `${where}.id: must be the tool call's id (a string).`);
  if (!name) throw new AppError("bad_request", `${where}.name: must be the function's name.`);
  const tool = TOOL_REGISTRY.get(name);
  if (!tool)
    throw new AppError(
      "bad_request",
      `${where}.name: unknown function "${name.slice(0, 100)}". Switchboard offers: ${[...TOOL_REGISTRY.keys()].join(", ")}.`,
    );
  const args = argumentsOf(entry.arguments ?? fn?.arguments ?? fn?.parameters, where);
  return { id, tool, args };
}

/**
 * Vapi's server-URL body for a tool call: `{ message: { type: "tool-calls", toolCallList: [...], call, … } }`
 * (toolWithToolCallList's `toolCall` entries when toolCallList is absent). Every call is checked before any
 * runs; anything malformed is a 400 naming it.
 */
export function parseToolCalls(body: unknown): PlatformRequest<VapiCall> {
  if (!isObject(body) || !isObject(body.message))
    throw new AppError("bad_request", 'The request body must be Vapi\'s server message: { "message": { "type": "tool-calls", … } }.');
  const message = body.message;
  if (message.type !== "tool-calls")
    throw new AppError(
      "bad_request",
      `message.type: this URL takes "tool-calls" messages; send ${typeof message.type === "string" ? `"${message.type.slice(0, 60)}"` : "other messages"} to /api/webhooks/vapi.`,
    );
  let list: unknown[] | undefined;
  let where = "message.toolCallList";
  if (Array.isArray(message.toolCallList)) list = message.toolCallList;
  else if (Array.isArray(message.toolWithToolCallList)) {
    where = "message.toolWithToolCallList";
    list = message.toolWithToolCallList.map((t) => (isObject(t) ? t.toolCall : t));
  }
  if (!list?.length) throw new AppError("bad_request", "message.toolCallList: must list at least one tool call.");
  if (list.length > MAX_CALLS) throw new AppError("bad_request", `message.toolCallList: at most ${MAX_CALLS} tool calls.`);
  const calls = list.map((entry, i) => toolCallOf(entry, `${where}[${i}]`));
  return { calls, call: vapiCallOf(message) };
}
