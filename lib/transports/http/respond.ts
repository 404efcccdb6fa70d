import { randomUUID } from "node:crypto";
import { inputErrorOf, isAppError } from "@/lib/platform/errors";
import { errorForLog, log } from "@/lib/platform/log";
import { isDatabaseFault } from "@/lib/adapters/db/guard";
import { dependencyUnavailable } from "@/lib/platform/resilience/dependency-error";

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { ...init, headers: { "content-type": "application/json; charset=utf-8", ...(init.headers ?? {}) } });

/** The one place an error becomes an HTTP response. Unknown errors are logged, never shown. */
export function errorResponse(e: unknown, requestId: string = randomUUID()): Response {
  const input = isAppError(e) ? null : inputErrorOf(e);
  if (input) {
    // Logged without the message: a failed query's message carries the values.
    log.warn(
      { requestId, err: e instanceof Error ? e.name : String(e) },
      "bad input reached the database (a schema should have refused it)",
    );
    e = input;
  }
  if (isAppError(e)) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    const retry = e.details?.retryAfterSeconds;
    if (typeof retry === "number") headers["retry-after"] = String(retry);
    if (e.status === 401) headers["www-authenticate"] = 'Bearer realm="switchboard"';
    return json(
      { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } },
      { status: e.status, headers },
    );
  }
  // A database that cannot be reached is an outage (503, retry later), not a bug in this request.
  if (isDatabaseFault(e)) return errorResponse(dependencyUnavailable("database", e), requestId);
  log.error({ requestId, err: errorForLog(e) }, "unhandled error");
  return json(
    {
      error: {
        code: "internal",
        message: "Something went wrong on our side. Try again; if it persists, quote this request id.",
        requestId,
      },
    },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}
