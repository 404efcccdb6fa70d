"use client";

import { useEffect, useState } from "react";
import { consoleApi } from "@/components/console/api-client";

type Step = { step: number; channel: string; takenAt: string; outcome: string; attempts?: number; retryAt?: string | null };
const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const NAMES: Record<string, string> = { console: "Console", slack: "Slack", ntfy: "On-call page", sms: "SMS" };

/** The escalation steps taken for a case (console, Slack, page, SMS): read when the case opens and when its status changes. */
export function LadderSteps({ caseId, status }: { caseId: string; status: string }) {
  const [steps, setSteps] = useState<Step[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new status (claimed, answered) is when new steps may have been taken, so it re-reads
  useEffect(() => {
    let live = true;
    consoleApi
      .ladder(caseId)
      .then((s) => live && setSteps(s))
      .catch(() => live && setSteps(null));
    return () => {
      live = false;
    };
  }, [caseId, status]);
  if (!steps?.length) return null;
  return (
    <section className="cx-section" data-testid="case-ladder">
      <h3>Escalation</h3>
      <ol className="cx-muted">
        {steps.map((s) => (
          <li key={s.step}>
            {NAMES[s.channel] ?? s.channel}: {s.outcome} at {time(s.takenAt)}
            {s.attempts && s.attempts > 1 ? ` (try ${s.attempts})` : ""}
            {s.outcome === "failed" && s.retryAt && status === "open" ? `, trying again at ${time(s.retryAt)}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
