import { NextResponse, type NextRequest } from "next/server";

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
 * Layouts are not told the URL they render. The admin layout needs it to send a signed-out visitor to
 * `/login?next=<this page>`, so pass it along as a request header (never trusted for anything else).
 * On routes with an id in the path, an id that is not valid percent-encoding is refused here with a 400
 * naming it: Next.js fails to decode the segment before our route runs and would answer 500.
 */
export function proxy(request: NextRequest) {
  if (!pathDecodes(request.nextUrl.pathname)) {
    return NextResponse.json({ error: { code: "bad_request", message: "id: the path is not valid percent-encoding." } }, { status: 400 });
  }
  const headers = new Headers(request.headers);
  headers.set("x-sb-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    "/admin",
    "/admin/:path*",
    // Only the routes with a dynamic segment: /api/mcp and the hot paths stay free of the proxy's cost.
    "/api/(cases|calls|canned-replies|dead-letters|keys|members|webhooks)/:path+",
  ],
};
