/**
 * Database errors carry the statement's parameters — a caller's question, an email, a password hash —
 * in their message ("Failed query: …\nparams: …", drizzle), their stack (which repeats the message) and
 * their cause (postgres `detail`: "Key (email)=(…) already exists"). Logs keep the statement, the SQLSTATE
 * and the constraint, never the values.
 */
const PARAMS = /\nparams: [\s\S]*$/;

/** A string that may hold `String(dbError)`: everything from drizzle's "params:" line on goes. */
export function scrubQueryParams(text: string): string {
  return text.includes("Failed query: ") ? text.replace(PARAMS, "\nparams: [redacted]") : text;
}

type QueryError = Error & { query: string; params: unknown };
const isQueryError = (e: unknown): e is QueryError => e instanceof Error && typeof (e as QueryError).query === "string" && "params" in e;

/** Postgres error fields that name things (never values); the message loses a trailing `: "value"`. */
function safeCause(cause: unknown): Record<string, unknown> | undefined {
  if (!(cause instanceof Error)) return undefined;
  const c = cause as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { name: c.name, message: c.message.replace(/: ".*"$/s, ': "[redacted]"') };
  for (const k of ["code", "severity", "constraint", "constraint_name", "table", "table_name", "column", "column_name", "routine"]) {
    if (typeof c[k] === "string") out[k] = c[k];
  }
  return out;
}

/** An error as it may be logged: name, message and stack, without any query parameters. */
export function errorForLog(e: unknown): Record<string, unknown> | string {
  if (!(e instanceof Error)) return scrubQueryParams(String(e));
  if (isQueryError(e)) {
    const message = `Failed query: ${e.query}`;
    const stack = e.stack?.includes(e.message) ? e.stack.replace(e.message, message) : undefined;
    return { name: e.name, message, query: e.query, stack, cause: safeCause(e.cause) };
  }
  return {
    name: e.name,
    message: scrubQueryParams(e.message),
    stack: e.stack && scrubQueryParams(e.stack),
    cause: e.cause instanceof Error ? errorForLog(e.cause) : undefined,
  };
}

/** Walks a log record (pino `formatters.log`): Errors become errorForLog, strings lose query params. */
export function scrubLogRecord(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubQueryParams(value);
  if (value instanceof Error) return errorForLog(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubLogRecord(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // Dates, Buffers…: left to pino
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubLogRecord(v, depth + 1)]));
}
