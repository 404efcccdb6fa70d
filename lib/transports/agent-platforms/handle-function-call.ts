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
import { functionFailure, functionSuccess } from "@/lib/transports/agent-platforms/function-result";
import type { AgentPlatform, PlatformToolResult } from "@/lib/transports/agent-platforms/port";

async function authenticateKey(req: Request, deps: Deps, label: string): Promise<Principal> {
  const token = bearerToken(req);
  if (!token)
    throw new AppError(
      "unauthorized",
      `Send a Switchboard API key as \`Authorization: Bearer sb_…\` (a static header on the ${label} function).`,
    );
  const principal = await verifyApiKey(deps, token);
  if (!principal) throw new AppError("unauthorized", "Invalid or revoked API key.");
  await enforceRateLimit(deps, principal.keyId, deps.config.API_RATE_LIMIT_PER_MINUTE);
  return principal;
}

/**
 * An agent platform's function/tool-call route: API key → raw body (bounded) → the platform's signature
 * over those bytes when the account stored a secret → the platform's body → each tool's scopes → the tool
 * (lib/transports/tools/tool-registry.ts), with the call's context filled in → the platform's response.
 * 4xx only for what the platform must not retry (key, signature, unknown tool, malformed body); a tool's own
 * failure is a 200 with a sentence the agent can say.
 */
export async function handleFunctionCall<Call>(platform: AgentPlatform<Call>, req: Request): Promise<Response> {
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  let deps: Deps | undefined;
  try {
    deps = await getDeps();
    const principal = await authenticateKey(req, deps, platform.label);
    const raw = await readBody(req, platform.maxBodyBytes);
    await platform.verifyFunctionCall(deps, { accountId: principal.accountId, raw, headers: req.headers });
    const url = new URL(req.url);
    const { calls, call } = platform.parseFunctionCall(parseJsonText(Buffer.from(raw).toString("utf8")), url);
    // The same scope check and run as MCP (the tool's definition); only the wording differs.
    for (const c of calls) {
      const refused = c.tool.refusal(principal);
      if (refused) throw refused;
    }
    if (call !== undefined && platform.rememberCall) await platform.rememberCall(deps, { accountId: principal.accountId, call });
    const limits = { maxWaitSeconds: await platform.maxWaitSeconds(deps, principal.accountId) };
    const config = deps.config;
    const results = await Promise.all(
      calls.map(async ({ id, tool, args }): Promise<PlatformToolResult> => {
        try {
          // Parsed once, inside execute (by the tool or its domain function), as on MCP.
          const result = await tool.execute(platform.argsWithCall(tool.name, args, call, limits), {
            principal,
            entry: platform.id,
            origin: url.origin,
            signal: req.signal,
            ...limits,
          });
          return { id, tool: tool.name, body: functionSuccess(tool.name, result as Record<string, unknown>) };
        } catch (e) {
          return { id, tool: tool.name, body: functionFailure(e, tool.name, tool.errors, config, platform.id) };
        }
      }),
    );
    return json(platform.respond(results), { headers: { "x-request-id": requestId } });
  } catch (e) {
    // The platform itself unreachable before a tool ran (the key's account, the stored secret): the agent still gets a sentence.
    if (deps && (isUnreachable(e) || isBusy(e))) {
      const body = functionFailure(e, platform.id, "hitl", deps.config, platform.id);
      return json(platform.respond([{ tool: platform.id, body }]), { headers: { "x-request-id": requestId } });
    }
    return errorResponse(e, requestId);
  }
}
