import { oauthError } from "@/lib/domains/oauth/oauth-error";
import { textProblem } from "@/lib/platform/validation/safe-text";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);
/** A private-use scheme in reverse-domain form (RFC 8252 §7.1): `com.example.app`, at least two labels. */
const REVERSE_DOMAIN_SCHEME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+:$/;
/**
 * Desktop MCP clients whose published redirect schemes predate RFC 8252's reverse-domain advice. Named one
 * by one: an allow-list, so a scheme a browser or the OS gives meaning to (javascript:, intent:, ms-settings:…)
 * is never accepted by omission.
 */
const KNOWN_APP_SCHEMES = new Set(["cursor:", "vscode:", "vscode-insiders:", "windsurf:"]);

export const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * A redirect URI a client may register (OAuth 2.1 §2.3.1, RFC 8252), from an allow-list of schemes: https;
 * http only to loopback (a native app's local listener); a private-use reverse-domain scheme
 * (`com.example.app:/cb`, RFC 8252 §7.1); or one of the few desktop clients' own schemes (`cursor://…`,
 * `vscode://…`), where PKCE protects a code sent to a scheme another app could claim. Anything else
 * (javascript:, data:, file:, intent:, a made-up single-word scheme) is refused. No fragments, no credentials.
 */
export function assertRegistrableRedirectUri(raw: unknown, field = "redirect_uris"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000)
    throw oauthError("invalid_redirect_uri", `${field}: each must be a URL of at most 2000 characters.`);
  const problem = textProblem(raw);
  if (problem) throw oauthError("invalid_redirect_uri", `${field}: ${problem}.`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw oauthError("invalid_redirect_uri", `${field}: ${JSON.stringify(raw.slice(0, 100))} is not an absolute URL.`);
  }
  if (u.hash || raw.includes("#")) throw oauthError("invalid_redirect_uri", `${field}: must not contain a fragment (#).`);
  if (u.username || u.password) throw oauthError("invalid_redirect_uri", `${field}: must not contain credentials.`);
  if (u.protocol === "http:" && !isLoopbackHost(u.hostname)) {
    throw oauthError("invalid_redirect_uri", `${field}: http is allowed only for loopback (127.0.0.1, [::1], localhost); use https.`);
  }
  const allowed =
    u.protocol === "https:" || u.protocol === "http:" || REVERSE_DOMAIN_SCHEME.test(u.protocol) || KNOWN_APP_SCHEMES.has(u.protocol);
  if (!allowed)
    throw oauthError(
      "invalid_redirect_uri",
      `${field}: the ${u.protocol} scheme is not allowed (use https, http on loopback, or a reverse-domain scheme such as com.example.app:).`,
    );
  return raw;
}

/**
 * Whether the redirect URI a request names is one the client registered: exact string match, except that
 * a loopback http redirect may use any port (RFC 8252 §7.3: a native app's listener gets a free port).
 */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  let req: URL;
  try {
    req = new URL(requested);
  } catch {
    return false;
  }
  if (req.protocol !== "http:" || !isLoopbackHost(req.hostname)) return false;
  return registered.some((r) => {
    try {
      const reg = new URL(r);
      return (
        reg.protocol === "http:" && reg.hostname === req.hostname && reg.pathname === req.pathname && reg.search === req.search && !req.hash
      );
    } catch {
      return false;
    }
  });
}
