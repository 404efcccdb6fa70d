import type { sheets_v4 } from "@googleapis/sheets";
import type { ServiceAccount } from "@/lib/domains/sheets/credentials";
import { sheetsError, type SheetsPort, type SheetsTab } from "@/lib/domains/sheets/port";

const GOOGLE_API = "https://sheets.googleapis.com/";
const GOOGLE_TOKEN = "https://oauth2.googleapis.com/token";
const SCOPE = "https://www.googleapis.com/auth/spreadsheets";

export type GoogleSheetsSettings = {
  account: ServiceAccount;
  spreadsheetId: string;
  /** SHEETS_API_URL, SHEETS_TOKEN_URL: Google's, or a proxy's, or the tests' stand-in. */
  apiUrl: string;
  tokenUrl: string;
  timeoutMs: number;
};

/** Where a Google URL really goes: SHEETS_API_URL keeps its path prefix (the SDK's rootUrl would drop it). */
export function redirectUrl(url: URL, c: Pick<GoogleSheetsSettings, "apiUrl" | "tokenUrl">): URL {
  const href = url.href;
  if (href === GOOGLE_TOKEN || href.startsWith(`${GOOGLE_TOKEN}?`)) return new URL(c.tokenUrl);
  if (!href.startsWith(GOOGLE_API)) return url;
  const base = c.apiUrl.endsWith("/") ? c.apiUrl : `${c.apiUrl}/`;
  return new URL(href.slice(GOOGLE_API.length), base);
}

type GaxiosLikeError = {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
};

function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === "string" ? v : null;
}

/** Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Turns the SDK's error into a SheetsError; Google's own message is kept (it names the range or the missing permission). */
export function classify(e: unknown): Error {
  const x = e as GaxiosLikeError;
  const status = x.response?.status ?? (typeof x.status === "number" ? x.status : undefined);
  const body = x.response?.data as { error?: { message?: string; status?: string } } | undefined;
  const google = body?.error?.message ? `${body.error.status ?? status}: ${body.error.message}` : undefined;
  if (status === undefined) return sheetsError(`Google Sheets unreachable: ${x.message ?? String(e)}`.slice(0, 300), { retryable: true });
  const retryable = status === 429 || status === 408 || status >= 500;
  return sheetsError(`Google Sheets answered ${google ?? status}`.slice(0, 300), {
    status,
    retryable,
    retryAfterMs: parseRetryAfterMs(header(x.response?.headers, "retry-after")),
  });
}

/**
 * The Sheets API v4 through Google's own client (`@googleapis/sheets`), signed in as the service account
 * (a JWT assertion exchanged at the token endpoint). The SDK's own retries are off: backoff, the quota
 * and the breaker are the drainer's. Both endpoints are configurable for proxies and the tests' stand-in.
 * The SDK is imported on the first request, so routes of a deployment without Sheets never load it.
 */
export function createGoogleSheets(s: GoogleSheetsSettings): SheetsPort {
  let client: Promise<sheets_v4.Sheets> | undefined;
  const connect = () =>
    (client ??= import("@googleapis/sheets").then(({ auth, sheets }) => {
      const jwt = new auth.JWT({ email: s.account.email, key: s.account.key, scopes: [SCOPE] });
      jwt.transporter.interceptors.request.add({
        resolved: async (options) => {
          options.url = redirectUrl(new URL(String(options.url)), s);
          return options;
        },
      });
      return sheets({ version: "v4", auth: jwt });
    }));
  const spreadsheetId = s.spreadsheetId;
  const opts = { retry: false, timeout: s.timeoutMs };
  const call = async <T>(fn: (api: sheets_v4.Sheets) => Promise<T>): Promise<T> => {
    const api = await connect();
    try {
      return await fn(api);
    } catch (e) {
      throw classify(e);
    }
  };
  return {
    name: "google",
    async getTabs() {
      const res = await call((api) => api.spreadsheets.get({ spreadsheetId, fields: "sheets.properties" }, opts));
      return (res.data.sheets ?? []).map(
        (s): SheetsTab => ({
          title: s.properties?.title ?? "",
          sheetId: s.properties?.sheetId ?? 0,
          rowCount: s.properties?.gridProperties?.rowCount ?? 0,
          columnCount: s.properties?.gridProperties?.columnCount ?? 0,
        }),
      );
    },
    async updateSpreadsheet(requests) {
      await call((api) => api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } }, opts));
    },
    async writeRanges(data) {
      await call((api) => api.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: "RAW", data } }, opts));
    },
    async clearRanges(ranges) {
      await call((api) => api.spreadsheets.values.batchClear({ spreadsheetId, requestBody: { ranges } }, opts));
    },
    async readRange(range) {
      const res = await call((api) => api.spreadsheets.values.get({ spreadsheetId, range, valueRenderOption: "UNFORMATTED_VALUE" }, opts));
      return (res.data.values ?? []).map((r) => r.map((v) => String(v)));
    },
  };
}
