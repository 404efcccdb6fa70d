"use client";

import { useEffect, useState } from "react";
import { lateAnswerDeliveryText } from "@/components/console/late-answer";
import { consoleApi } from "@/components/console/api-client";
import { callerSummary } from "@/components/console/caller-info";
import { PagedBadge, PriorityBadges, VoiceBadge } from "@/components/console/case-badges";
import { ConsoleFrame } from "@/components/console/console-frame";
import { useHelpOnlyShortcuts } from "@/components/console/use-shortcuts";
import type { ConsoleCase, ConsoleMember } from "@/components/console/types";
import { Button } from "@/components/ui/button";

const STATUSES = [
  { value: "answered,expired,cancelled", label: "All closed" },
  { value: "answered", label: "Answered" },
  { value: "expired", label: "Expired" },
  { value: "cancelled", label: "Cancelled" },
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
const took = (c: ConsoleCase) => (c.answeredAt ? `${Math.round((Date.parse(c.answeredAt) - Date.parse(c.createdAt)) / 1000)} s` : null);

/** Closed cases, newest first, searched on the server (question, context, answer, caller). */
export function HistoryApp({ me }: { me: ConsoleMember }) {
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState(STATUSES[0]!.value);
  const [rows, setRows] = useState<ConsoleCase[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "idle" | "error">("loading");
  const [helpOpen, setHelpOpen] = useHelpOnlyShortcuts();

  useEffect(() => {
    let stale = false;
    setState("loading");
    // Debounced: one request after typing pauses, and only the latest answer is shown.
    const t = setTimeout(() => {
      consoleApi.history({ q: query.trim() || undefined, status }).then(
        (r) => {
          if (stale) return;
          setRows(r.cases);
          setNextCursor(r.nextCursor);
          setState("idle");
        },
        () => !stale && setState("error"),
      );
    }, 250);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [query, status]);

  const more = async () => {
    const r = await consoleApi.history({ q: query.trim() || undefined, status, cursor: nextCursor });
    setRows((prev) => [...prev, ...r.cases]);
    setNextCursor(r.nextCursor);
  };

  return (
    <ConsoleFrame me={me} current="history" helpOpen={helpOpen} setHelpOpen={setHelpOpen}>
      <div className="cx-history">
        <h1 className="cx-pane-title">History</h1>
        {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for some supported browsers; role="search" on the form is its established equivalent */}
        <form className="cx-filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="history-q">Search</label>
          <input
            id="history-q"
            className="ui-input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Question, answer, caller…"
          />
          <label htmlFor="history-status">Status</label>
          <select id="history-status" className="ui-input" value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </form>
        <p className="cx-muted" role="status">
          {state === "loading"
            ? "Searching…"
            : state === "error"
              ? "Could not load the history."
              : `${rows.length}${nextCursor ? "+" : ""} case${rows.length === 1 ? "" : "s"}`}
        </p>
        <ol className="cx-history-list">
          {rows.map((c) => (
            <li key={c.id} className="cx-history-item" data-history-row={c.id}>
              <div className="cx-row-top">
                <span className={`cx-badge cx-status-${c.status}`}>{c.status}</span>
                <PriorityBadges c={c} />
                <VoiceBadge c={c} />
                <PagedBadge c={c} />
                <span className="cx-spacer" />
                <span className="cx-muted">{when(c.createdAt)}</span>
              </div>
              <p className="cx-row-question">{c.question}</p>
              {c.choice && (
                <p className="cx-picked" data-testid="picked-choice">
                  Picked: <strong>{c.choice}</strong>
                </p>
              )}
              {c.answer && c.answer !== c.choice && <p className="cx-answer">{c.answer}</p>}
              {c.choices && c.choices.length > 0 && (
                <p className="cx-muted" data-testid="offered-choices">
                  Choices offered: {c.choices.join(" · ")}
                  {c.choice ? "" : c.status === "answered" ? " (answered in words)" : ""}
                </p>
              )}
              {c.lateAnswerDelivery && (
                <p className="cx-notice cx-notice-info" data-testid="late-answer-delivery">
                  {lateAnswerDeliveryText(c.lateAnswerDelivery)}
                </p>
              )}
              <p className="cx-muted">
                {[
                  c.answeredBy && `Answered by ${c.answeredBy.name}${took(c) ? ` in ${took(c)}` : ""}`,
                  callerSummary(c.callerInfo) && `Caller: ${callerSummary(c.callerInfo)}`,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </li>
          ))}
        </ol>
        {nextCursor && (
          <Button variant="secondary" onClick={() => void more()}>
            Load older cases
          </Button>
        )}
      </div>
    </ConsoleFrame>
  );
}
