/**
 * The one error type domain code throws. It becomes an HTTP response in `lib/transports/http/respond.ts`
 * and an MCP tool error result in `lib/transports/tools/tool-result.ts`; anything else is logged and shown
 * as a generic internal error.
 */
export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/**
 * A brand in the global symbol registry: Next.js bundles a module into each route's chunk, so an error
 * made by a process-wide singleton (the database, the telephony adapter) can come from another copy of
 * this class, and `instanceof` would say no. The brand and the code say yes in every chunk.
 */
const APP_ERROR = Symbol.for("switchboard.AppError");

export class AppError extends Error {
  readonly status: number;
  readonly [APP_ERROR] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = statusByCode[code];
  }
}

export const isAppError = (e: unknown): e is AppError =>
  typeof e === "object" &&
  e !== null &&
  (e as { [APP_ERROR]?: unknown })[APP_ERROR] === true &&
  typeof (e as AppError).code === "string" &&
  (e as AppError).code in statusByCode;

/** Turns zod issues into one sentence naming each bad field (the whole input, e.g. an array sent for an object, is "body"). */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string }>): string {
  return issues
    .map((i) =>
      i.path.length
        ? `${i.path.map(String).join(".")}: ${i.message}`
        : i.code === "invalid_type"
          ? `body: must be a JSON object (${i.message})`
          : i.message,
    )
    .join(", ");
}

/** SQLSTATE of a database error (postgres.js, PGlite), looking through Drizzle's wrapper. */
const sqlStateOf = (e: unknown): string | undefined => {
  for (let cur = e, hops = 0; typeof cur === "object" && cur !== null && hops < 3; cur = (cur as { cause?: unknown }).cause, hops++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
};

/**
 * The safety net behind validation: an error the database raises about a value (SQLSTATE class 22, "data
 * exception": bad encoding, out-of-range date or number…) or a too-deep value (54001) is the client's bad
 * input that a schema missed — a 400, not a 500. The caller still logs it, so the missing check gets found.
 */
export function inputErrorOf(e: unknown): AppError | null {
  const state = sqlStateOf(e);
  if (state?.startsWith("22") || state === "54001")
    return new AppError(
      "bad_request",
      "The request contains a value that cannot be stored (check text for NUL characters, dates and numbers for range).",
    );
  return null;
}
