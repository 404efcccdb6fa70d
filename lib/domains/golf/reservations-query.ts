/**
 * Query-string values for GET /api/golf/reservations in the tool's types ("true" → true, "10" → 10);
 * anything else is passed on as it came, so the schema's error names the field.
 */
export function reservationsQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(params);
  if (out.includePast === "true" || out.includePast === "false") out.includePast = out.includePast === "true";
  if (typeof out.limit === "string" && /^\d{1,4}$/.test(out.limit)) out.limit = Number(out.limit);
  return out;
}
