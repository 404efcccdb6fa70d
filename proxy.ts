import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/platform/config/env";
import { pageContentSecurityPolicy, realtimeConnectSources } from "@/lib/transports/http/security-headers";
import { foreignHostError, isDeploymentHost } from "@/lib/transports/http/deployment-host";

/** Whether every %-escape in a path decodes (Next.js answers a bare 500 for a dynamic segment that does not). */
function pathDecodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every page request: a fresh nonce and the page's Content-Security-Policy (lib/transports/http/security-headers.ts).
 * Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
 *
 * Layouts are not told the URL they render. The admin layout needs it to send a signed-out visitor to
 * `/login?next=<this page>`, so it is passed along as a request header (never trusted for anything else).
 * A page whose path is not valid percent-encoding is refused here with a 400: Next.js fails to decode a
 * dynamic segment before the page runs and would answer 500.
 *
 * A page addressed to a host that is not this deployment's (Host: evil.example, a DNS-rebinding page that
 * resolved to our address) is refused with a 403 before it renders: no setup form, no console, no consent.
 */
export function proxy(request: NextRequest) {
  if (!pathDecodes(request.nextUrl.pathname)) {
    return NextResponse.json({ error: { code: "bad_request", message: "The path is not valid percent-encoding." } }, { status: 400 });
  }
  const config = getConfig();
  if (!isDeploymentHost(request.headers, config)) {
    const refused = foreignHostError(request.headers);
    return NextResponse.json({ error: { code: refused.code, message: refused.message } }, { status: refused.status });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageContentSecurityPolicy({ nonce, dev: config.NODE_ENV === "development", connect: realtimeConnectSources(config) });
  const headers = new Headers(request.headers);
  headers.set("x-sb-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Pages only, never /api/*: Next.js reads a request's whole body before running the proxy (so both can read
// it), which would undo the bounded body reader — a chunked 200 MB upload was read in full. API routes and
// build files get their headers from next.config.ts. An API path that is not valid percent-encoding is
// refused before Next.js sees it (lib/transports/http/undecodable-path.ts).
export const config = {
  matcher: [{ source: "/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg).*)" }],
};
