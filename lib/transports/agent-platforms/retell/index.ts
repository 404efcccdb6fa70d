import { AppError } from "@/lib/platform/errors";
import { getRetellApiKey } from "@/lib/domains/retell/credentials";
import type { AgentPlatform } from "@/lib/transports/agent-platforms/port";
import { fitResponse } from "@/lib/transports/agent-platforms/fit-response";
import { argsWithCall, type RetellCall } from "@/lib/transports/agent-platforms/retell/call-context";
import { parseFunctionRequest } from "@/lib/transports/agent-platforms/retell/parse-function-request";
import { retellFunctionDefinitions } from "@/lib/transports/agent-platforms/retell/connect-definitions";
import { handleRetellWebhook } from "@/lib/transports/agent-platforms/retell/handle-webhook";
import { verifyRetellSignature } from "@/lib/transports/agent-platforms/retell/signature";

/** Retell's call object carries the transcript so far (word timings included): more room than the REST API's 64 KiB. */
export const RETELL_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Retell custom functions (POST /api/retell/functions): one function per request, `{ name, call, args }` (or the
 * arguments at the root with ?tool=<name>), signed with the account's Retell API key when it stored one;
 * the response is the tool's result itself, kept under Retell's 15,000 characters.
 */
export const retellPlatform: AgentPlatform<RetellCall> = {
  id: "retell",
  label: "Retell",
  maxBodyBytes: RETELL_MAX_BODY_BYTES,
  maxWaitSeconds: async (deps) => deps.config.RETELL_MAX_WAIT_SECONDS,
  async verifyFunctionCall(deps, { accountId, raw, headers }) {
    const retellKey = await getRetellApiKey(deps.db, accountId);
    if (retellKey && !verifyRetellSignature(raw, retellKey, headers.get("x-retell-signature"))) {
      throw new AppError(
        "unauthorized",
        "X-Retell-Signature is missing, stale (over 5 minutes) or does not match this account's Retell API key.",
      );
    }
  },
  parseFunctionCall(body, url) {
    const { tool, args, call } = parseFunctionRequest(body, url.searchParams.get("tool"));
    return { calls: [{ tool, args }], call };
  },
  argsWithCall: (tool, args, call) => argsWithCall(tool, args, call),
  respond: (results) => fitResponse(results[0]!.body),
  handleWebhook: handleRetellWebhook,
  toolDefinitions: retellFunctionDefinitions,
};
