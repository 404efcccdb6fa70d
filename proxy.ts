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
 * An admin page whose path is not valid percent-encoding is refused here with a 400: Next.js fails to
 * decode the dynamic segment before the page runs and would answer 500.
 */
export function proxy(request: NextRequest) {
  if (!pathDecodes(request.nextUrl.pathname)) {
    return NextResponse.json({ error: { code: "bad_request", message: "The path is not valid percent-encoding." } }, { status: 400 });
  }
  const headers = new Headers(request.headers);
  headers.set("x-sb-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Not on /api/*: Next.js reads a request's whole body before running the proxy (to let both read it), which
// would undo the bounded body reader — a chunked 200 MB upload was read in full. Known limitation: an API id
// that is not valid percent-encoding still gets Next.js's plain 500 (see the README).
export const config = { matcher: ["/admin", "/admin/:path*"] };
