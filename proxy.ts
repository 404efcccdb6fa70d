import { NextResponse, type NextRequest } from "next/server";

/**
 * Layouts are not told the URL they render. The admin layout needs it to send a signed-out visitor to
 * `/login?next=<this page>`, so pass it along as a request header (never trusted for anything else).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-sb-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/admin", "/admin/:path*"] };
