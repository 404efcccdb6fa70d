import type { AuthInfo } from "@modelcontextprotocol/server";
import type { Principal } from "@/lib/domains/auth/principal";
import { AppError } from "@/lib/platform/errors";

/** The parts of the SDK's per-request context (a tool's or a resource's second argument) we use. */
export type McpRequestContext = {
  mcpReq: {
    signal: AbortSignal;
    _meta?: { progressToken?: string | number } & Record<string, unknown>;
    notify: (n: { method: string; params?: Record<string, unknown> }) => Promise<void>;
  };
  http?: { authInfo?: AuthInfo };
};

export function principalOf(ctx: McpRequestContext): Principal {
  const p = ctx.http?.authInfo?.extra?.principal as Principal | undefined;
  if (!p) throw new AppError("unauthorized", "Missing API key.");
  return p;
}

/** The origin the request reached us on (lib/transports/mcp/authenticate-mcp.ts puts it beside the principal). */
export function originOf(ctx: McpRequestContext): string | undefined {
  return ctx.http?.authInfo?.extra?.origin as string | undefined;
}

/** Sends notifications/progress when the client asked for them (sent a progress token). */
export function progressReporter(ctx: McpRequestContext, what: string) {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return undefined;
  return async (elapsedMs: number, totalMs: number) => {
    await ctx.mcpReq.notify({
      method: "notifications/progress",
      params: {
        progressToken: token,
        progress: Math.round(elapsedMs / 1000),
        total: Math.round(totalMs / 1000),
        message: `${what} (${Math.round(elapsedMs / 1000)} s)`,
      },
    });
  };
}
