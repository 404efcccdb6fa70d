import { randomUUID } from "node:crypto";
import { getDeps, type Deps } from "@/lib/composition/deps";
import { declareRoute, type DeclaredRoute } from "@/lib/transports/http/with-route";
import { errorResponse } from "@/lib/transports/http/respond";
import { readText } from "@/lib/transports/http/read-body";
import { isOAuthError, oauthError, oauthErrorBody } from "@/lib/domains/oauth/oauth-error";

/** OAuth request bodies are small: a few parameters, or a client's metadata. */
export const OAUTH_MAX_BODY_BYTES = 16 * 1024;

/**
 * Browser-based MCP clients (MCP Inspector, web apps) register and exchange codes with fetch from their own
 * origin, so the public OAuth endpoints answer CORS. No cookies are read there, so `*` grants nothing.
 */
const CORS = { "access-control-allow-origin": "*", "access-control-expose-headers": "www-authenticate" };

export const corsPreflight = declareRoute(
  async () =>
    new Response(null, {
      status: 204,
      headers: {
        ...CORS,
        "access-control-allow-methods": "POST, OPTIONS",
        "access-control-allow-headers": "content-type, authorization, mcp-protocol-version",
        "access-control-max-age": "86400",
      },
    }),
  { public: true, note: "CORS preflight" },
);

/**
 * A public OAuth endpoint (token, registration, revocation): the credentials it checks are in the request
 * itself (a code + PKCE verifier, a refresh token). Errors answer in OAuth's format; our own (413, 429,
 * an outage) in the usual one.
 */
export function oauthRoute(handler: (args: { req: Request; deps: Deps }) => Promise<Response>, note: string): DeclaredRoute {
  return declareRoute(
    async (req: Request) => {
      const requestId = req.headers.get("x-request-id") ?? randomUUID();
      let res: Response;
      try {
        res = await handler({ req, deps: await getDeps() });
      } catch (e) {
        res = isOAuthError(e) ? oauthErrorBody(e) : errorResponse(e, requestId);
      }
      for (const [k, v] of Object.entries(CORS)) res.headers.set(k, v);
      return res;
    },
    { public: true, note },
  );
}

/**
 * An application/x-www-form-urlencoded body (RFC 6749 §3.2), read through the bounded reader. A parameter
 * sent twice is refused, as OAuth requires.
 */
export async function readOAuthForm(req: Request): Promise<URLSearchParams> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    throw oauthError("invalid_request", "Content-Type: must be application/x-www-form-urlencoded.");
  const text = await readText(req, OAUTH_MAX_BODY_BYTES);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL byte is what this rejects
  if (/[\u0000]/.test(text) || text.includes("%00")) throw oauthError("invalid_request", "body: must not contain NUL characters.");
  const form = new URLSearchParams(text);
  const seen = new Set<string>();
  for (const k of form.keys()) {
    if (seen.has(k)) throw oauthError("invalid_request", `${k}: must be sent once.`);
    seen.add(k);
  }
  for (const [k, v] of form) if (v.length > 4096) throw oauthError("invalid_request", `${k}: too long.`);
  return form;
}
