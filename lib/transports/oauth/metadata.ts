import { SCOPES } from "@/lib/domains/auth/principal";
import { mcpResourceUrl, oauthEndpoints } from "@/lib/domains/oauth/urls";

/** RFC 9728 protected-resource metadata for /api/mcp: Switchboard is its own authorization server. */
export function protectedResourceMetadata(origin: string) {
  return {
    resource: mcpResourceUrl(origin),
    authorization_servers: [origin],
    scopes_supported: [...SCOPES],
    bearer_methods_supported: ["header"],
    resource_name: "Switchboard MCP",
    resource_documentation: `${origin}/#connecting-with-oauth-sign-in`,
  };
}

/** RFC 8414 authorization-server metadata (OAuth 2.1 + PKCE S256 only; public clients; DCR and client ID metadata documents). */
export function authorizationServerMetadata(origin: string) {
  return {
    ...oauthEndpoints(origin),
    scopes_supported: [...SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none"],
    revocation_endpoint_auth_methods_supported: ["none"],
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}

export const METADATA_HEADERS = { "access-control-allow-origin": "*", "cache-control": "max-age=300" };
