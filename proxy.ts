import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { pageContentSecurityPolicy, realtimeConnectSources } from "@/lib/http/security-headers";

/**
 * Every page request: a fresh nonce and the page's Content-Security-Policy (lib/http/security-headers.ts).
 * Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
 *
 * Layouts are not told the URL they render. The admin layout needs it to send a signed-out visitor to
 * `/login?next=<this page>`, so it is passed along as a request header (never trusted for anything else).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const config = getConfig();
  const csp = pageContentSecurityPolicy({ nonce, dev: config.NODE_ENV === "development", connect: realtimeConnectSources(config) });
  const headers = new Headers(request.headers);
  headers.set("x-sb-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Pages only: API routes and build files get their headers from next.config.ts (no proxy hop on /api/mcp).
export const config = {
  matcher: [{ source: "/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg).*)" }],
};
