/**
 * An error in OAuth's own wire format (RFC 6749 §5.2, RFC 7591 §3.2.2): `{ error, error_description }`.
 * OAuth clients (the MCP SDK among them) read these codes, so the OAuth endpoints answer with them rather
 * than with the REST API's `{ error: { code, message } }`. Branded like AppError, for the same reason.
 */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "invalid_target"
  | "access_denied"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "invalid_token"
  | "server_error"
  | "temporarily_unavailable";

const OAUTH_ERROR = Symbol.for("switchboard.OAuthProtocolError");

export class OAuthProtocolError extends Error {
  readonly [OAUTH_ERROR] = true;
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = error === "invalid_client" ? 401 : error === "server_error" ? 500 : error === "temporarily_unavailable" ? 503 : 400,
  ) {
    super(description);
    this.name = "OAuthProtocolError";
  }
}

export const isOAuthError = (e: unknown): e is OAuthProtocolError =>
  typeof e === "object" && e !== null && (e as { [OAUTH_ERROR]?: unknown })[OAUTH_ERROR] === true;

export const oauthError = (error: OAuthErrorCode, description: string) => new OAuthProtocolError(error, description);

/** OAuth responses carry credentials or decisions about them: never cached (RFC 6749 §5.1). */
export const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

export function oauthErrorBody(e: OAuthProtocolError): Response {
  return Response.json({ error: e.error, error_description: e.description }, { status: e.status, headers: NO_STORE });
}
