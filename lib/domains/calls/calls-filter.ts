import type { ListCallsInput } from "@/lib/domains/calls/schemas";
import { CALL_STATUSES } from "@/lib/adapters/telephony/port";

export type CallsFilter = { status: string; from: string; to: string; number: string; cursor: string };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");

/** The /admin/calls query string as the form shows it (day-precision dates, "to" inclusive). */
export function readCallsFilter(sp: Record<string, string | string[] | undefined>): CallsFilter {
  const status = one(sp.status);
  return {
    status: (CALL_STATUSES as readonly string[]).includes(status) ? status : "",
    from: one(sp.from),
    to: one(sp.to),
    number: one(sp.number),
    cursor: one(sp.cursor),
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Turns the form's fields into listCalls input: a "to" day includes that whole day (UTC). */
export function toListInput(f: CallsFilter, limit = 25): ListCallsInput {
  // A day that is no date (2026-13-45) is passed on as typed, for listCalls to refuse by name.
  const nextDay = (d: string) => {
    const t = Date.parse(`${d}T00:00:00Z`) + 86_400_000;
    return Number.isNaN(t) || t > Date.UTC(9999, 11, 31) ? d : new Date(t).toISOString();
  };
  return {
    limit,
    ...(f.status ? { status: [f.status as (typeof CALL_STATUSES)[number]] } : {}),
    ...(f.from ? { from: DAY.test(f.from) ? `${f.from}T00:00:00Z` : f.from } : {}),
    ...(f.to ? { to: DAY.test(f.to) ? nextDay(f.to) : f.to } : {}),
    ...(f.number ? { phoneNumber: f.number } : {}),
    ...(f.cursor ? { cursor: f.cursor } : {}),
  };
}

/** The same filters as a query string, with or without a cursor. */
export function filterQuery(f: CallsFilter, cursor?: string): string {
  const q = new URLSearchParams();
  for (const k of ["status", "from", "to", "number"] as const) if (f[k]) q.set(k, f[k]);
  if (cursor) q.set("cursor", cursor);
  const s = q.toString();
  return s ? `?${s}` : "";
}
