"use client";

import { useCallback, useRef, useState } from "react";
import { ConsoleApiError, consoleApi } from "@/components/console/api-client";

type Outcome = { status: "answered" | "pending" | "unavailable" | "cancelled"; caseId: string; message: string };
export type TestState =
  | { phase: "idle" }
  | { phase: "waiting" }
  | { phase: "done"; outcome: Outcome }
  | { phase: "failed"; message: string };

/**
 * "Send a test escalation": the console plays the agent. The request is an ask_human call under the hood
 * (POST /api/test-escalation) that stays open until someone answers, so when the member answers the test
 * case in this queue they see their words arrive where an agent would hear them: the loop, closed.
 */
export function useTestEscalation() {
  const [state, setState] = useState<TestState>({ phase: "idle" });
  const busy = useRef(false);
  const send = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setState({ phase: "waiting" });
    try {
      setState({ phase: "done", outcome: await consoleApi.testEscalation() });
    } catch (e) {
      setState({ phase: "failed", message: e instanceof ConsoleApiError ? e.message : "Could not reach the server." });
    } finally {
      busy.current = false;
    }
  }, []);
  return { state, send, dismiss: () => setState({ phase: "idle" }) };
}

const outcomeText: Record<Outcome["status"], string> = {
  answered: "The loop is closed: the test agent received your answer —",
  pending: "The test agent stopped waiting (as a real one does after its timeout) and would say:",
  unavailable: "Nobody counted as online, so the test agent was told at once:",
  cancelled: "The test case was cancelled; the test agent heard:",
};

/** What the waiting test agent got back, shown above the queue. */
export function TestEscalationStatus({ state, onDismiss }: { state: TestState; onDismiss: () => void }) {
  if (state.phase === "idle") return null;
  if (state.phase === "waiting")
    return (
      <p role="status" className="cx-notice cx-notice-info" data-testid="test-escalation-status">
        A test agent is waiting on the line (up to 55 s): claim the test case and answer it.
      </p>
    );
  if (state.phase === "failed")
    return (
      <p role="alert" className="cx-notice cx-notice-error" data-testid="test-escalation-status">
        The test escalation failed: {state.message}
      </p>
    );
  return (
    <div role="status" className="cx-notice cx-notice-info" data-testid="test-escalation-status">
      <p style={{ margin: 0 }}>
        {outcomeText[state.outcome.status]} <q data-testid="test-escalation-heard">{state.outcome.message}</q>
      </p>
      <p className="cx-muted" style={{ margin: ".35rem 0 0" }}>
        An agent connected to <code>/api/mcp</code> gets answers the same way, through the <code>ask_human</code> tool.{" "}
        <button type="button" className="cx-ghost" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </div>
  );
}

/** The empty queue's offer. */
export function SendTestEscalationButton({ state, onSend }: { state: TestState; onSend: () => void }) {
  return (
    <button type="button" className="cx-primary" onClick={onSend} disabled={state.phase === "waiting"}>
      {state.phase === "waiting" ? "Test escalation sent…" : "Send a test escalation"}
    </button>
  );
}
