import { z } from "zod";
import { describeIssues } from "@/lib/platform/errors";
import { safeText } from "@/lib/platform/validation/safe-text";
import { oauthError, type OAuthErrorCode } from "@/lib/domains/oauth/oauth-error";
import { assertRegistrableRedirectUri } from "@/lib/domains/oauth/redirect-uris";

/**
 * Client metadata (RFC 7591 §2), as a registration request sends it or a client ID metadata document
 * holds it. Only public clients are supported (PKCE instead of a secret): a client asking for
 * `client_secret_*` is registered as `none` and told so in the response (RFC 7591 §3.2.1 lets the server
 * replace values); `private_key_jwt` and other grants are refused.
 */
const metadataSchema = z.object({
  redirect_uris: z.array(z.unknown()).min(1, "at least one redirect URI is needed").max(20),
  client_name: safeText().trim().max(200).optional(),
  client_uri: z.string().url().max(2000).optional(),
  token_endpoint_auth_method: z
    .enum(["none", "client_secret_basic", "client_secret_post"], { message: "only public clients (none) are supported" })
    .optional(),
  grant_types: z.array(z.string()).max(10).optional(),
  response_types: z.array(z.string()).max(10).optional(),
  scope: safeText().max(1000).optional(),
});

export type ClientMetadata = { redirectUris: string[]; clientName: string | null; clientUri: string | null };

const GRANTS = new Set(["authorization_code", "refresh_token"]);

export function parseClientMetadata(body: unknown, errorCode: OAuthErrorCode = "invalid_client_metadata"): ClientMetadata {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw oauthError(errorCode, "body: must be a JSON object of client metadata.");
  const r = metadataSchema.safeParse(body);
  if (!r.success) throw oauthError(errorCode, describeIssues(r.error.issues));
  const m = r.data;
  const badGrant = m.grant_types?.find((g) => !GRANTS.has(g));
  if (badGrant)
    throw oauthError(
      errorCode,
      `grant_types: ${JSON.stringify(badGrant.slice(0, 60))} is not supported; use authorization_code and refresh_token.`,
    );
  if (m.response_types?.some((t) => t !== "code")) throw oauthError(errorCode, "response_types: only code is supported.");
  const redirectUris = m.redirect_uris.map((u) => assertRegistrableRedirectUri(u));
  return { redirectUris: [...new Set(redirectUris)], clientName: m.client_name || null, clientUri: m.client_uri ?? null };
}

/**
 * A client ID that is a URL (a client ID metadata document): https, with a path, no fragment, no
 * credentials, no dot segments — the shape the MCP specification asks for.
 */
export function isMetadataDocumentClientId(clientId: string): boolean {
  return /^https?:\/\//i.test(clientId);
}

export function assertMetadataDocumentUrl(clientId: string, allowLoopbackHttp: boolean): URL {
  let u: URL;
  try {
    u = new URL(clientId);
  } catch {
    throw oauthError("invalid_client", "client_id: not a valid URL.");
  }
  const loopback = ["127.0.0.1", "[::1]", "localhost"].includes(u.hostname);
  if (u.protocol !== "https:" && !(u.protocol === "http:" && allowLoopbackHttp && loopback))
    throw oauthError("invalid_client", "client_id: a URL client ID must use https.");
  if (
    u.pathname === "/" ||
    u.hash ||
    clientId.includes("#") ||
    u.username ||
    u.password ||
    /\/\.\.?(\/|$)/.test(clientId.replace(/^[a-z]+:\/\/[^/]+/i, ""))
  ) {
    throw oauthError("invalid_client", "client_id: a URL client ID needs a path, and no fragment, credentials or dot segments.");
  }
  if (u.href !== clientId) throw oauthError("invalid_client", "client_id: must be written in its normal form.");
  return u;
}
