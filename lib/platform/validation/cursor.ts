import { z } from "zod";
import { parseIsoDate } from "@/lib/platform/validation/dates";

/**
 * The one page cursor of every list (REST and MCP): opaque to clients, base64url of JSON
 * `{t, id}` — the last row's created_at (ISO 8601 at full microsecond precision) and id. Lists are
 * ordered by (created_at, id), so a page boundary is exact even when rows share a timestamp and
 * stable while new rows arrive. Build the query with `lib/adapters/db/keyset.ts`.
 */
export type Cursor = { t: string; id: string };

export const CURSOR_MESSAGE = "is not a cursor this API returned (pass nextCursor from the previous page as is)";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify({ t: c.t, id: c.id })).toString("base64url");

/** The cursor a string names, or null when it is not one we handed out (checked before it reaches SQL). */
export function decodeCursor(value: string): Cursor | null {
  if (value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { t, id } = parsed as Record<string, unknown>;
  if (typeof t !== "string" || typeof id !== "string" || !UUID.test(id) || !parseIsoDate(t)) return null;
  return { t, id };
}

/** The `cursor` query parameter or tool argument: becomes a Cursor, or a validation error naming the field. */
export const cursorParam = () =>
  z
    .string({ message: CURSOR_MESSAGE })
    .transform((v, ctx) => {
      const c = decodeCursor(v);
      if (!c) ctx.addIssue({ code: "custom", message: CURSOR_MESSAGE });
      return c ?? z.NEVER;
    })
    .describe("nextCursor from the previous page; omit for the first page.");
