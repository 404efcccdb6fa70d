import { type McpServer, ProtocolError, ProtocolErrorCode, ResourceNotFoundError, ResourceTemplate } from "@modelcontextprotocol/server";
import type { Principal } from "@/lib/domains/auth/principal";
import { type Deps, getDeps } from "@/lib/composition/deps";
import { isAppError } from "@/lib/platform/errors";
import { type McpRequestContext, principalOf } from "@/lib/transports/mcp/context";
import { scopeRefusal, type ToolScopes } from "@/lib/transports/tools/tool-scopes";

type Variables = Record<string, string | string[]>;

export type ResourceDefinition<D extends Deps> = {
  name: string;
  /** A fixed URI, or a template such as `switchboard://calls/{callId}` whose variables `read` receives. */
  uri: string;
  title: string;
  description: string;
  scopes: ToolScopes;
  /** The body, served as pretty-printed JSON. */
  read: (vars: Variables, ctx: { deps: D; principal: Principal }) => Promise<unknown>;
};

export type Resource = { name: string; uri: string; register(server: McpServer): void };

/**
 * The one way to define a resource: a missing scope is a JSON-RPC error (-32600) naming it; a missing or
 * another account's record (a not_found AppError) is "resource not found" (-32602), never an internal error.
 */
export function defineResource<D extends Deps = Deps>(def: ResourceDefinition<D>): Resource {
  const serve = async (uri: URL, vars: Variables, extra: unknown) => {
    const principal = principalOf(extra as McpRequestContext);
    const refused = scopeRefusal(principal, def.scopes);
    if (refused) throw new ProtocolError(ProtocolErrorCode.InvalidRequest, refused.message, { requiredScopes: [...def.scopes] });
    const deps = (await getDeps()) as D;
    const body = await def.read(vars, { deps, principal }).catch((e) => {
      throw isAppError(e) && e.code === "not_found" ? new ResourceNotFoundError(uri.href, e.message) : e;
    });
    return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(body, null, 2) }] };
  };
  const metadata = { title: def.title, description: def.description, mimeType: "application/json" };
  return {
    name: def.name,
    uri: def.uri,
    register(server) {
      if (def.uri.includes("{")) {
        server.registerResource(def.name, new ResourceTemplate(def.uri, { list: undefined }), metadata, (uri, vars, extra) =>
          serve(uri, vars, extra),
        );
      } else {
        server.registerResource(def.name, def.uri, metadata, (uri, extra) => serve(uri, {}, extra));
      }
    },
  };
}
