"use client";

import { useEffect, useState } from "react";
import type { SheetsStatus } from "@/lib/domains/sheets/status";
import { errorText } from "@/components/admin/format";
import { RequestsPerMinuteChart } from "@/components/admin/sheets/sheets-chart";
import { ConnectHelp } from "@/components/admin/sheets/connect-help";

const BREAKER = {
  closed: ["ok", "closed — sending"],
  "half-open": ["warn", "half-open — probing"],
  open: ["bad", "open — paused, rows wait"],
} as const;
const when = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "—");

/** The live status: refreshed every 5 s (and every second while a rebuild runs). */
export function SheetsDashboard({ initial }: { initial: SheetsStatus }) {
  const [s, setS] = useState(initial);
  const [message, setMessage] = useState("");
  const rebuilding = s.rebuild.state === "clearing" || s.rebuild.state === "running";
  useEffect(() => {
    const t = setInterval(
      async () => {
        const res = await fetch("/api/sheets", { cache: "no-store" }).catch(() => null);
        if (res?.ok) setS((await res.json()) as SheetsStatus);
      },
      rebuilding ? 1000 : 5000,
    );
    return () => clearInterval(t);
  }, [rebuilding]);
  // Not connected: nothing is sent, so the breaker has nothing to say and there is no sheet to rebuild.
  const [cls, label] = s.configured ? BREAKER[s.breaker] : (["muted", "not connected — nothing to send"] as const);
  const pct = s.rebuild.total ? Math.round((100 * s.rebuild.done) / s.rebuild.total) : 0;
  return (
    <>
      {s.warnings.length > 0 && (
        <div
          role="alert"
          className="adm-badge warn"
          style={{ display: "block", padding: "0.75rem 1rem", borderRadius: 8, whiteSpace: "normal" }}
        >
          {s.warnings.map((w) => (
            <p key={w} style={{ margin: 0 }}>
              {w}
            </p>
          ))}
        </div>
      )}
      {!s.configured && <ConnectHelp />}
      {s.configured && (
        <p>
          Sheet:{" "}
          <a href={s.spreadsheetUrl!} target="_blank" rel="noreferrer">
            {s.spreadsheetId}
          </a>
          {s.serviceAccountEmail && (
            <>
              {" "}
              · shared with <code>{s.serviceAccountEmail}</code> (Editor)
            </>
          )}
        </p>
      )}
      <section className="adm-tiles" aria-label="Sheets log status">
        <div className="adm-tile">
          <span className="k">Circuit breaker</span>
          <span className={`adm-badge ${cls}`} data-testid="breaker">
            {label}
          </span>
        </div>
        <div className="adm-tile">
          <span className="v" data-testid="backlog">
            {s.backlog.count}
          </span>
          <span className="k">rows waiting{s.backlog.count ? `, oldest ${Math.round(s.backlog.ageSeconds)} s` : ""}</span>
        </div>
        <div className="adm-tile">
          <span className="v" data-testid="rows-written">
            {s.rowsWritten}
          </span>
          <span className="k">rows written</span>
        </div>
        <div className="adm-tile">
          <span className="v">
            {s.requestsLastMinute}
            <small>/{s.quotaPerMinute}</small>
          </span>
          <span className="k">requests in the last minute (quota)</span>
        </div>
      </section>
      <h2>Requests per minute (last hour)</h2>
      <RequestsPerMinuteChart data={s.perMinute} quota={s.quotaPerMinute} />
      <h2>Last error</h2>
      <p data-testid="last-error">
        {s.lastError ? (
          <>
            {s.lastError} <span className="adm-muted">({when(s.lastErrorAt)})</span>
          </>
        ) : (
          "None."
        )}{" "}
        <span className="adm-muted">Last success: {when(s.lastSuccessAt)}</span>
      </p>
      <h2>Rebuild the sheet</h2>
      <p className="adm-muted">
        For a new or damaged sheet: clears the Calls and Escalations tabs and rewrites every row from the database.
        {!s.configured && " Connect a sheet first (above)."}
      </p>
      {s.rebuild.state !== "idle" && (
        <p role="status" data-testid="rebuild-progress">
          {s.rebuild.state === "clearing"
            ? "Waiting for the drainer to clear the sheet…"
            : s.rebuild.state === "running"
              ? `Rewriting: ${s.rebuild.done} of ${s.rebuild.total} rows (${pct} %)`
              : `Last rebuild finished ${when(s.rebuild.finishedAt)} (${s.rebuild.total ?? 0} rows).`}{" "}
          {s.rebuild.state === "running" && <progress max={s.rebuild.total ?? 1} value={s.rebuild.done} />}
        </p>
      )}
      {s.configured && (
        <button
          type="button"
          disabled={rebuilding}
          onClick={async () => {
            const res = await fetch("/api/sheets/rebuild", { method: "POST" }).catch(() => null);
            if (!res) return setMessage("Could not reach the server.");
            if (!res.ok) return setMessage(await errorText(res));
            setMessage("Rebuild requested.");
            setS({ ...s, rebuild: { ...s.rebuild, state: "clearing" } });
          }}
        >
          Rebuild the sheet
        </button>
      )}{" "}
      <span role="status" className="adm-muted">
        {message}
      </span>
      <h2>Download as CSV</h2>
      <p>
        The same rows for this account:{" "}
        <a href="/api/sheets/export?tab=calls" download>
          Calls (CSV)
        </a>{" "}
        ·{" "}
        <a href="/api/sheets/export?tab=escalations" download>
          Escalations (CSV)
        </a>
      </p>
    </>
  );
}
