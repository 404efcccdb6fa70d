import { randomUUID } from "node:crypto";
import { getDeps, type Deps } from "@/lib/deps";
import { AppError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import { authenticate } from "@/lib/http/authenticate";
import { errorResponse } from "@/lib/http/respond";

type RouteContext = { params: Promise<Record<string, string>> };
type Handler<P> = (args: { req: Request; deps: Deps; principal: P; params: Record<string, string>; requestId: string }) => Promise<Response>;

/**
 * Wraps a route: resolves dependencies, authenticates (API key or member session), and turns any
 * thrown error into a JSON response. Route files stay a few lines long.
 */
export function withRoute(handler: Handler<Principal>): (req: Request, ctx: RouteContext) => Promise<Response>;
export function withRoute(handler: Handler<Principal | null>, opts: { public: true }): (req: Request, ctx: RouteContext) => Promise<Response>;
export function withRoute(handler: Handler<any>, opts: { public?: boolean } = {}) {
  return async (req: Request, ctx: RouteContext) => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const deps = await getDeps();
      const principal = await authenticate(req, deps);
      if (!principal && !opts.public) throw new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
      const res = await handler({ req, deps, principal, params: (await ctx?.params) ?? {}, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

/** Parses a zod schema or throws 422 naming the bad fields. */
export { parseOrThrow } from "@/lib/http/parse";
