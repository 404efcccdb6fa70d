type Helpers = { errors: (...codes: number[]) => Record<string, unknown> };

const okJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });

/** The Google Sheets log's admin routes for lib/transports/http/openapi.ts. */
export function sheetsOpenApiPaths({ errors }: Helpers) {
  return {
    "/api/sheets": {
      get: {
        summary: "Google Sheets log status (admin)",
        description:
          "Breaker state, backlog size and age, rows written, requests per minute over the last hour against the quota, last error, rebuild progress and warnings (usage above 80 % of the quota, a backlog older than 5 minutes).",
        responses: {
          "200": okJson("{ configured, breaker, backlog, rowsWritten, perMinute, lastError, rebuild, warnings, … }"),
          ...errors(401, 403, 429),
        },
      },
    },
    "/api/sheets/rebuild": {
      post: {
        summary: "Rebuild the sheet from the database (admin)",
        description:
          "The drainer clears the Calls and Escalations tabs and rewrites every row; progress in GET /api/sheets. 409 when no Google Sheet is connected.",
        responses: { "202": okJson("{ requested: true }"), ...errors(401, 403, 409, 429) },
      },
    },
    "/api/sheets/export": {
      get: {
        summary: "The sheet's rows for this account as CSV (admin)",
        parameters: [{ name: "tab", in: "query", schema: { type: "string", enum: ["calls", "escalations"], default: "calls" } }],
        responses: {
          "200": { description: "CSV, header row first", content: { "text/csv": { schema: { type: "string" } } } },
          ...errors(401, 403, 422, 429),
        },
      },
    },
  };
}
