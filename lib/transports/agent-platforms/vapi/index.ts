import { AppError } from "@/lib/platform/errors";
import { getVapiServerSecret, getVapiWaitSeconds } from "@/lib/domains/vapi/credentials";
import { rememberVapiCall } from "@/lib/domains/vapi/live-calls";
import type { AgentPlatform } from "@/lib/transports/agent-platforms/port";
import { fitResponse } from "@/lib/transports/agent-platforms/fit-response";
import { argsWithCallContext } from "@/lib/transports/agent-platforms/caller-context";
import { callerInfoOf, type VapiCall } from "@/lib/transports/agent-platforms/vapi/call-context";
import { vapiToolDefinitions } from "@/lib/transports/agent-platforms/vapi/connect-definitions";
import { handleVapiWebhook } from "@/lib/transports/agent-platforms/vapi/handle-webhook";
import { parseToolCalls } from "@/lib/transports/agent-platforms/vapi/parse-tool-calls";
import { verifyVapiRequest } from "@/lib/transports/agent-platforms/vapi/signature";

/** A tool-calls message carries the call, the assistant and the conversation so far. */
export const VAPI_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Vapi function tools (POST /api/vapi/tools): the server-URL `tool-calls` message, one or more calls run side by
 * side, answered `{ results: [{ toolCallId, result }] }` with each result the tool's JSON (`message` first) as a
 * string. The account's server secret, when stored, must come with every request. ask_human waits the account's
 * Vapi wait (VAPI_DEFAULT_WAIT_SECONDS unless set), below the tool's server timeout in Vapi.
 */
export const vapiPlatform: AgentPlatform<VapiCall> = {
  id: "vapi",
  label: "Vapi",
  maxBodyBytes: VAPI_MAX_BODY_BYTES,
  maxWaitSeconds: (deps, accountId) => getVapiWaitSeconds(deps, accountId),
  async verifyFunctionCall(deps, { accountId, raw, headers }) {
    const secret = await getVapiServerSecret(deps.db, accountId);
    if (secret && !verifyVapiRequest(raw, secret, headers))
      throw new AppError(
        "unauthorized",
        "This account requires Vapi's server secret: X-Vapi-Secret is missing or wrong, or X-Signature/X-Timestamp do not verify (or are over 5 minutes old).",
      );
  },
  parseFunctionCall: (body) => parseToolCalls(body),
  argsWithCall(tool, args, call, limits) {
    const withCall = call
      ? argsWithCallContext(tool, args, {
          callId: call.callId,
          agentId: call.assistantId,
          callerInfo: callerInfoOf(call),
          history: call.history,
        })
      : args;
    if (tool !== "ask_human") return withCall;
    // Vapi gives up on a tool at its server timeout: ask_human never waits longer than the account's Vapi wait.
    const asked = typeof withCall.timeoutSeconds === "number" ? withCall.timeoutSeconds : limits.maxWaitSeconds;
    return { ...withCall, timeoutSeconds: Math.max(5, Math.min(asked, limits.maxWaitSeconds)) };
  },
  async rememberCall(deps, { accountId, call }) {
    if (call.callId) await rememberVapiCall(deps, { accountId, callId: call.callId, controlUrl: call.controlUrl });
  },
  respond: (results) => ({
    results: results.map((r) => ({ toolCallId: r.id ?? "", result: JSON.stringify(fitResponse(r.body)) })),
  }),
  handleWebhook: handleVapiWebhook,
  toolDefinitions: vapiToolDefinitions,
};
