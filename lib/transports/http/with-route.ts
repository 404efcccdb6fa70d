import { randomUUID } from "node:crypto";
import { getDeps, type Deps } from "@/lib/composition/deps";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope, type Permission } from "@/lib/domains/auth/permissions";
import { safeEqual } from "@/lib/domains/auth/secrets";
import { assertSameOrigin, authenticate, bearerToken, readCookie } from "@/lib/transports/http/authenticate";
import { resolveSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import { errorResponse } from "@/lib/transports/http/respond";

type RouteContext = { params: Promise<Record<string, string>> };
type Handler<P> = (args: {
  req: Request;
  deps: Deps;
  principal: P;
  params: Record<string, string>;
  requestId: string;
}) => Promise<Response>;
type RouteFn = (req: Request, ctx: RouteContext) => Promise<Response>;
/** A route handler carries its declared permission, so the matrix test and docs can read it. */
export type DeclaredRoute<F = RouteFn> = F & { permission: Permission };

/** Tags a handler that speaks its own protocol (MCP, RFC 9728 metadata, health) with who may call it. */
export function declareRoute<F extends (...args: never[]) => unknown>(fn: F, permission: Permission): DeclaredRoute<F> {
  return Object.assign(fn, { permission });
}

function assertCronSecret(req: Request, deps: Deps): void {
  const secret = deps.config.CRON_SECRET;
  const token = bearerToken(req);
  if (!secret || !token || !safeEqual(token, secret))
    throw new AppError("unauthorized", "Cron endpoints need Authorization: Bearer $CRON_SECRET.");
}

/** A member's session cookie and nothing else (an API key or OAuth token cannot stand in for a person here). */
async function requireSession(req: Request, deps: Deps) {
  const token = readCookie(req, SESSION_COOKIE);
  const member = token ? await resolveSession(deps.db, token) : null;
  if (!member)
    throw new AppError("unauthorized", "Sign in first: this needs a member session (API keys and OAuth tokens are not accepted here).");
  assertSameOrigin(req);
  return member;
}

/**
 * Wraps a route: resolves dependencies, enforces the declared permission (API key or member session
 * holding one of `scopes`; a cron secret; or nobody for public routes), and turns any thrown error
 * into a JSON response. Route files stay a few lines long.
 */
export function withRoute(
  handler: Handler<Principal>,
  permission: { scopes: Extract<Permission, { scopes: unknown }>["scopes"] },
): DeclaredRoute;
export function withRoute(handler: Handler<null>, permission: { public: true; note?: string } | { cron: true }): DeclaredRoute;
export function withRoute(
  handler: Handler<Extract<Principal, { kind: "member" }>>,
  permission: { session: true; note?: string },
): DeclaredRoute;
// biome-ignore lint/suspicious/noExplicitAny: the overloads above pair each permission with its principal type; no single type is compatible with all three
export function withRoute(handler: Handler<any>, permission: Permission): DeclaredRoute {
  const route = async (req: Request, ctx: RouteContext) => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const deps = await getDeps();
      let principal: Principal | null = null;
      if ("cron" in permission) assertCronSecret(req, deps);
      if ("scopes" in permission) {
        principal = await authenticate(req, deps);
        if (!principal) throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
        assertScope(principal, ...permission.scopes);
      }
      if ("session" in permission) principal = await requireSession(req, deps);
      const res = await handler({ req, deps, principal, params: (await ctx?.params) ?? {}, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
  return declareRoute(route, permission);
}

/** Parses a zod schema or throws 422 naming the bad fields. */
export { parseOrThrow } from "@/lib/platform/validation/parse";
