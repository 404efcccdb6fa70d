import { sql } from "drizzle-orm";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { queryRows } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import { readServiceAccount } from "@/lib/domains/sheets/credentials";
import { readState } from "@/lib/domains/sheets/store";

export type SheetsStatus = {
  configured: boolean;
  spreadsheetId: string | null;
  spreadsheetUrl: string | null;
  serviceAccountEmail: string | null;
  breaker: "closed" | "open" | "half-open";
  backlog: { count: number; oldestAt: string | null; ageSeconds: number };
  rowsWritten: number;
  requestsTotal: number;
  quotaPerMinute: number;
  requestsLastMinute: number;
  /** Requests per minute over the last hour (oldest first, zeros included). */
  perMinute: Array<{ minute: string; requests: number; failed: number }>;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  rebuild: {
    state: "idle" | "clearing" | "running" | "done";
    total: number | null;
    done: number;
    startedAt: string | null;
    finishedAt: string | null;
  };
  /** Why the page shows a warning banner: usage above 80 % of the quota, a backlog older than 5 minutes, the breaker open. */
  warnings: string[];
};

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * The Sheets log's health for the admin page and GET /api/sheets. The sheet is the deployment's (one
 * spreadsheet for all accounts), so these are deployment-wide counts — never another account's content.
 */
export async function getSheetsStatus(deps: Deps, principal: Principal, now = Date.now()): Promise<SheetsStatus> {
  assertScope(principal, "admin");
  const c = deps.config;
  const s = await readState(deps.db);
  const [backlog] = await queryRows<{ n: number; oldest: string | Date | null; rebuild_left: number }>(
    deps.db,
    sql`select count(*)::int as n, min(occurred_at) as oldest, count(*) filter (where event is null)::int as rebuild_left from sheets_outbox`,
  );
  const since = new Date(now - 3_600_000);
  const minutes = await queryRows<{ m: string | Date; n: number; failed: number }>(
    deps.db,
    sql`select date_trunc('minute', at) as m, count(*)::int as n, count(*) filter (where not ok)::int as failed from sheets_requests where at >= ${since.toISOString()}::timestamptz group by 1`,
  );
  const [last] = await queryRows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n from sheets_requests where at > ${new Date(now - 60_000).toISOString()}::timestamptz`,
  );
  const byMinute = new Map(minutes.map((m) => [new Date(m.m).toISOString(), m]));
  const perMinute = Array.from({ length: 60 }, (_, i) => {
    const minute = new Date(Math.floor((now - (59 - i) * 60_000) / 60_000) * 60_000).toISOString();
    const m = byMinute.get(minute);
    return { minute, requests: m ? Number(m.n) : 0, failed: m ? Number(m.failed) : 0 };
  });
  const oldestAt = iso(backlog?.oldest);
  const ageSeconds = oldestAt ? Math.max(0, Math.round((now - Date.parse(oldestAt)) / 1000)) : 0;
  const requestsLastMinute = Number(last?.n ?? 0);
  const configured = !!c.SHEETS_SPREADSHEET_ID;
  const warnings: string[] = [];
  if (requestsLastMinute > 0.8 * c.SHEETS_REQUESTS_PER_MINUTE)
    warnings.push(`Requests in the last minute (${requestsLastMinute}) passed 80 % of the quota (${c.SHEETS_REQUESTS_PER_MINUTE}/min).`);
  if (configured && ageSeconds > 300) warnings.push(`The oldest row waiting for the sheet is ${Math.round(ageSeconds / 60)} minutes old.`);
  if (configured && s.breakerState !== "closed")
    warnings.push("Google Sheets is failing: the circuit breaker is open; rows wait in the outbox and are sent when it closes.");
  const rebuildLeft = Number(backlog?.rebuild_left ?? 0);
  const rebuildState = s.clearPending
    ? "clearing"
    : s.rebuildStartedAt && !s.rebuildFinishedAt
      ? "running"
      : s.rebuildFinishedAt
        ? "done"
        : "idle";
  let email: string | null = null;
  try {
    email = readServiceAccount(c)?.email ?? null;
  } catch {
    email = null;
  }
  return {
    configured,
    spreadsheetId: c.SHEETS_SPREADSHEET_ID ?? null,
    spreadsheetUrl: c.SHEETS_SPREADSHEET_ID ? `https://docs.google.com/spreadsheets/d/${c.SHEETS_SPREADSHEET_ID}/edit` : null,
    serviceAccountEmail: email,
    breaker: s.breakerState,
    backlog: {
      count: configured ? Number(backlog?.n ?? 0) : 0,
      oldestAt: configured ? oldestAt : null,
      ageSeconds: configured ? ageSeconds : 0,
    },
    rowsWritten: s.rowsWritten,
    requestsTotal: s.requestsTotal,
    quotaPerMinute: c.SHEETS_REQUESTS_PER_MINUTE,
    requestsLastMinute,
    perMinute,
    lastError: s.lastError,
    lastErrorAt: iso(s.lastErrorAt),
    lastSuccessAt: iso(s.lastSuccessAt),
    rebuild: {
      state: rebuildState,
      total: s.rebuildTotal,
      done: s.rebuildTotal === null ? 0 : Math.max(0, s.rebuildTotal - rebuildLeft),
      startedAt: iso(s.rebuildStartedAt),
      finishedAt: iso(s.rebuildFinishedAt),
    },
    warnings,
  };
}
