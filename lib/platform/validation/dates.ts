import { z } from "zod";
import { textProblem } from "@/lib/platform/validation/safe-text";

// An ISO 8601 date, or date-time with optional seconds, fraction and offset; four-digit years only
// (JavaScript also accepts "+200000-01-01" and "-000001-01-01", which PostgreSQL refuses).
const ISO_DATE = /^(\d{4})-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|z|[+-]\d{2}:\d{2})?)?$/;
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;
export const DATE_MESSAGE = `must be an ISO 8601 date or date-time (e.g. 2026-11-21T09:30:00Z) between ${MIN_YEAR} and ${MAX_YEAR}`;

/** The instant an ISO 8601 string names, or null when it is not one we (and PostgreSQL) can use. */
export function parseIsoDate(value: string): Date | null {
  const m = ISO_DATE.exec(value.trim());
  if (!m || textProblem(value)) return null;
  const year = Number(m[1]);
  const date = new Date(value.trim());
  if (Number.isNaN(date.getTime()) || year < MIN_YEAR || year > MAX_YEAR) return null;
  const utcYear = date.getUTCFullYear();
  return utcYear < MIN_YEAR || utcYear > MAX_YEAR ? null : date;
}

/** A query or tool argument that must be an in-range ISO 8601 date; becomes a Date. */
export const isoDate = (description?: string) => {
  const s = z
    .string({ message: DATE_MESSAGE })
    .refine((v) => parseIsoDate(v) !== null, DATE_MESSAGE)
    .transform((v) => parseIsoDate(v)!);
  return description ? s.describe(description) : s;
};

/** The same check, keeping the string (for cursors passed on as they came). */
export const isoDateText = () => z.string({ message: DATE_MESSAGE }).refine((v) => parseIsoDate(v) !== null, DATE_MESSAGE);
