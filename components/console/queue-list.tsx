"use client";

import type { ReactNode } from "react";
import { callerSummary } from "@/components/console/caller-info";
import { holderLabel, PriorityBadges, VoiceBadge } from "@/components/console/case-badges";
import { Countdown } from "@/components/console/countdown";
import { formatAge } from "@/components/console/use-now";
import type { ConsoleCase, ConsoleMember } from "@/components/console/types";

type Props = {
  queue: ConsoleCase[];
  selectedId: string | null;
  openId: string | null;
  me: ConsoleMember;
  now: number;
  loaded: boolean;
  onOpen: (id: string) => void;
  onSelect: (id: string) => void;
  /** Offered when nobody is waiting (the console's "send a test escalation"). */
  emptyAction?: ReactNode;
};

/** The live queue. Rows are buttons: Tab/j/k move between them, Enter opens and claims, a click opens. */
export function QueueList({ queue, selectedId, openId, me, now, loaded, onOpen, onSelect, emptyAction }: Props) {
  if (!loaded) return <p className="cx-empty">Loading the queue…</p>;
  if (!queue.length)
    return (
      <div className="cx-empty">
        <p>
          <strong>No one is waiting.</strong>
        </p>
        <p className="cx-muted">New cases appear here the moment an agent asks.</p>
        {emptyAction && <p>{emptyAction}</p>}
      </div>
    );
  return (
    <ol className="cx-queue" aria-label="Open cases, most important first">
      {queue.map((c) => {
        const holder = holderLabel(c, me);
        const caller = callerSummary(c.callerInfo);
        return (
          <li key={c.id}>
            <button
              type="button"
              id={`row-${c.id}`}
              data-queue-row={c.id}
              data-status={c.status}
              className={`cx-row${c.id === selectedId ? " cx-row-selected" : ""}${c.id === openId ? " cx-row-open" : ""}`}
              aria-current={c.id === selectedId ? "true" : undefined}
              onFocus={() => onSelect(c.id)}
              onClick={() => onOpen(c.id)}
            >
              <span className="cx-row-top">
                <PriorityBadges c={c} />
                <VoiceBadge c={c} />
                <span className="cx-spacer" />
                <Countdown deadline={c.waitDeadlineAt} now={now} />
              </span>
              <span className="cx-row-question">{c.question}</span>
              {!!c.choices?.length && (
                <span className="cx-row-choices" data-testid="row-choices">
                  {c.choices.map((choice, i) => (
                    <span key={choice}>
                      <kbd>{i + 1}</kbd> {choice}
                    </span>
                  ))}
                </span>
              )}
              <span className="cx-row-meta">
                {caller && <span className="cx-caller">{caller}</span>}
                <span>{formatAge(c.createdAt, now)}</span>
                <span className={`cx-holder${holder ? "" : " cx-holder-none"}`}>{holder ? `Claimed by ${holder}` : "Unclaimed"}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
