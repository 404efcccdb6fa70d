import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";
import { verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { enforceRateLimit } from "@/lib/domains/auth/rate-limit";
import { resolveSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import type { Principal } from "@/lib/domains/auth/principal";
import { getConfig } from "@/lib/platform/config/env";
import { assertDeploymentHost } from "@/lib/transports/http/deployment-host";

export function bearerToken(req: Request): string | null {
  const h = req.headers.get("authorization");
  const m = h && /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1]!.trim() : null;
}

/** A cookie's value; a value that is not valid percent-encoding is no cookie of ours (ignored, never a 500). */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every cookie-authenticated request must be addressed to this deployment (its Host, any method: a page on
 * evil.example rebound to our address sends Host: evil.example, and its cookies would be its own), and
 * cookie-authenticated writes must come from our own pages: the browser's Origin (or Sec-Fetch-Site) must
 * say same-origin. SameSite=Lax already stops most cross-site posts; this closes the rest.
 */
export function assertSameOrigin(req: Request): void {
  assertDeploymentHost(req.headers, getConfig());
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  // The page's own origin: the Host it was sent to, the proxy's X-Forwarded-Host, or APP_URL's.
  const appUrl = getConfig().APP_URL;
  const ours = [req.headers.get("host"), req.headers.get("x-forwarded-host"), appUrl && new URL(appUrl).host].filter(Boolean);
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError("forbidden", "Cross-site request refused (bad Origin header).");
    }
    if (ours.includes(originHost)) return;
    throw new AppError("forbidden", "Cross-site request refused.");
  }
  if (req.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError("forbidden", "Cross-site request refused: send an Origin header, or use an API key.");
}

/** Bearer API key (rate limited per key) or member session cookie; null when neither is present. */
export async function authenticate(req: Request, deps: Deps): Promise<Principal | null> {
  const token = bearerToken(req);
  if (token) {
    if (token.startsWith("sbat_"))
      throw new AppError("unauthorized", "OAuth access tokens are issued for /api/mcp only: use an API key here, or sign in.");
    const p = await verifyApiKey(deps, token);
    if (!p) throw new AppError("unauthorized", "Invalid or revoked API key.");
    await enforceRateLimit(deps, p.keyId, deps.config.API_RATE_LIMIT_PER_MINUTE);
    return p;
  }
  const session = readCookie(req, SESSION_COOKIE);
  if (session) {
    const p = await resolveSession(deps.db, session);
    if (!p) return null;
    assertSameOrigin(req);
    return p;
  }
  return null;
}
