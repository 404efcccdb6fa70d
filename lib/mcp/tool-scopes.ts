import { ProtocolError, ProtocolErrorCode } from "@modelcontextprotocol/server";
import { forbiddenFor } from "@/lib/auth/permissions";
import { hasScope, type Scope } from "@/lib/auth/principal";
import { principalOf, type ToolContext } from "@/lib/mcp/context";

/** The scopes a tool or resource needs (any of them), declared next to its contract. */
export type ToolScopes = readonly [Scope, ...Scope[]];

type DeniedResult = { content: Array<{ type: "text"; text: string }>; isError: true };

/**
 * The key's missing scope as a tool error result naming it (the agent's builder reads it; it is never
 * an outage sentence), or null when the key may call the tool.
 */
export function deniedTool(ctx: unknown, scopes: ToolScopes): DeniedResult | null {
  const principal = principalOf(ctx as ToolContext);
  if (scopes.some((s) => hasScope(principal, s))) return null;
  return { content: [{ type: "text", text: forbiddenFor(principal, scopes).message }], isError: true };
}

/** Resources answer a missing scope with a JSON-RPC error (-32600) naming it. */
export function assertResourceScope(ctx: unknown, scopes: ToolScopes): void {
  const principal = principalOf(ctx as ToolContext);
  if (scopes.some((s) => hasScope(principal, s))) return;
  throw new ProtocolError(ProtocolErrorCode.InvalidRequest, forbiddenFor(principal, scopes).message, { requiredScopes: [...scopes] });
}
