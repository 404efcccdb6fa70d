import { randomUUID } from "node:crypto";
import { getDeps, type Deps } from "@/lib/composition/deps";
import { AppError } from "@/lib/platform/errors";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import type { Principal } from "@/lib/domains/auth/principal";
import { enforceRateLimit } from "@/lib/domains/auth/rate-limit";
import { bearerToken } from "@/lib/transports/http/authenticate";
import { readBody } from "@/lib/transports/http/read-body";
import { parseJsonText } from "@/lib/transports/http/read-json";
import { errorResponse, json } from "@/lib/transports/http/respond";
import { isUnreachable } from "@/lib/transports/tools/tool-result";
import { isBusy } from "@/lib/platform/resilience/dependency-error";
import { argsWithCall } from "@/lib/transports/retell/call-context";
import { getRetellApiKey } from "@/lib/domains/retell/credentials";
import { fitResponse } from "@/lib/transports/retell/fit-response";
import { functionFailure, functionSuccess } from "@/lib/transports/retell/function-result";
import { parseFunctionRequest } from "@/lib/transports/retell/parse-function-request";
import { verifyRetellSignature } from "@/lib/transports/retell/signature";

/** Retell's call object carries the transcript so far (word timings included): more room than the REST API's 64 KiB. */
export const RETELL_MAX_BODY_BYTES = 1024 * 1024;

async function authenticateKey(req: Request, deps: Deps): Promise<Principal> {
  const token = bearerToken(req);
  if (!token)
    throw new AppError(
      "unauthorized",
      "Send a Switchboard API key as `Authorization: Bearer sb_…` (a static header on the Retell function).",
    );
  const principal = await verifyApiKey(deps, token);
  if (!principal) throw new AppError("unauthorized", "Invalid or revoked API key.");
  await enforceRateLimit(deps, principal.keyId, deps.config.API_RATE_LIMIT_PER_MINUTE);
  return principal;
}

/**
 * POST /api/retell/functions: API key → raw body (bounded) → X-Retell-Signature over those bytes when the
 * account stored its Retell API key → Retell's body → the tool's scopes → the tool (lib/transports/tools/tool-registry.ts).
 * 4xx only for what Retell must not retry (key, signature, unknown tool, malformed body); a tool's own
 * failure is a 200 with a sentence the agent can say.
 */
export async function handleRetellFunctionCall(req: Request): Promise<Response> {
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  let deps: Deps | undefined;
  try {
    deps = await getDeps();
    const principal = await authenticateKey(req, deps);
    const raw = await readBody(req, RETELL_MAX_BODY_BYTES);
    const retellKey = await getRetellApiKey(deps.db, principal.accountId);
    if (retellKey && !verifyRetellSignature(raw, retellKey, req.headers.get("x-retell-signature"))) {
      throw new AppError(
        "unauthorized",
        "X-Retell-Signature is missing, stale (over 5 minutes) or does not match this account's Retell API key.",
      );
    }
    const url = new URL(req.url);
    const { tool, args, call } = parseFunctionRequest(parseJsonText(Buffer.from(raw).toString("utf8")), url.searchParams.get("tool"));
    // The same scope check and run as MCP (the tool's definition); only the wording differs.
    const refused = tool.refusal(principal);
    if (refused) throw refused;
    const limits = { maxWaitSeconds: deps.config.RETELL_MAX_WAIT_SECONDS };
    let body: Record<string, unknown>;
    try {
      // Parsed once, inside execute (by the tool or its domain function), as on MCP.
      const result = await tool.execute(argsWithCall(tool.name, args, call), {
        principal,
        entry: "retell",
        origin: url.origin,
        signal: req.signal,
        ...limits,
      });
      body = functionSuccess(tool.name, result as Record<string, unknown>);
    } catch (e) {
      body = functionFailure(e, tool.name, tool.errors, deps.config);
    }
    return json(fitResponse(body), { headers: { "x-request-id": requestId } });
  } catch (e) {
    // The platform itself unreachable before a tool ran (the key's account, the Retell key): the agent still gets a sentence.
    if (deps && (isUnreachable(e) || isBusy(e))) {
      return json(functionFailure(e, "retell", "hitl", deps.config), { headers: { "x-request-id": requestId } });
    }
    return errorResponse(e, requestId);
  }
}
