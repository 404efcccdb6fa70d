import * as prm from "@/app/.well-known/oauth-protected-resource/route";
import * as asm from "@/app/.well-known/oauth-authorization-server/route";
import * as register from "@/app/api/oauth/register/route";
import * as token from "@/app/api/oauth/token/route";
import * as revoke from "@/app/api/oauth/revoke/route";
import * as authorize from "@/app/api/oauth/authorize/route";
import * as grants from "@/app/api/oauth/grants/route";
import * as grant from "@/app/api/oauth/grants/[id]/route";
import * as mcp from "@/app/api/mcp/route";

export { MemoryOAuthProvider } from "@/tests/support/oauth-provider";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Array<[RegExp, Record<string, unknown>]> = [
  [/^\/\.well-known\/oauth-protected-resource$/, prm],
  [/^\/\.well-known\/oauth-authorization-server$/, asm],
  [/^\/api\/oauth\/register$/, register],
  [/^\/api\/oauth\/token$/, token],
  [/^\/api\/oauth\/revoke$/, revoke],
  [/^\/api\/oauth\/authorize$/, authorize],
  [/^\/api\/oauth\/grants$/, grants],
  [/^\/api\/oauth\/grants\/(?<id>[^/]+)$/, grant],
  [/^\/api\/mcp$/, mcp],
];

/**
 * fetch, answered by the real route handlers in this process (no HTTP server): what the official SDK and
 * the tests use to talk to the OAuth endpoints and /api/mcp. The Host header is the URL's, as on the wire.
 * Every request is recorded, so a test can say which endpoints a client went through.
 */
export function inProcessFetch(log: string[] = []) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    req.headers.set("host", url.host);
    log.push(`${req.method} ${url.pathname}`);
    for (const [re, mod] of ROUTES) {
      const m = re.exec(url.pathname);
      const h = m && (mod[req.method] as Handler | undefined);
      if (h) return h(req, { params: Promise.resolve({ ...(m.groups ?? {}) }) });
    }
    return new Response("not found", { status: 404 });
  };
}

/** The consent step as the page's Allow/Deny button sends it, with a member's session cookie. */
export async function decide(
  fetchFn: ReturnType<typeof inProcessFetch>,
  authorizationUrl: URL,
  cookie: Record<string, string>,
  decision: "allow" | "deny" = "allow",
) {
  const res = await fetchFn(new URL("/api/oauth/authorize", authorizationUrl), {
    method: "POST",
    headers: { "content-type": "application/json", origin: authorizationUrl.origin, ...cookie },
    body: JSON.stringify({ request: authorizationUrl.search, decision }),
  });
  const body = (await res.json()) as { redirectTo?: string; error?: string };
  if (!res.ok || !body.redirectTo) throw new Error(`consent failed: ${res.status} ${JSON.stringify(body)}`);
  return new URL(body.redirectTo);
}
