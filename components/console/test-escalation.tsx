"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ConsoleApiError, consoleApi } from "@/components/console/api-client";
import type { ConsoleCase } from "@/components/console/types";

type Outcome = { status: "answered" | "pending" | "unavailable" | "cancelled"; caseId: string; message: string };
export type TestState =
  | { phase: "idle" }
  /** The request is open; `arrived` once its case (callId `test_<testId>`) is in this console's queue. */
  | { phase: "waiting"; callId: string; arrived: boolean }
  | { phase: "done"; outcome: Outcome }
  | { phase: "failed"; message: string };

/** A v4 UUID from getRandomValues, which (unlike randomUUID) also works on a plain-http LAN address. */
function newTestId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * "Send a test escalation": the console plays the agent. The request is an ask_human call under the hood
 * (POST /api/test-escalation) that stays open until someone answers, so when the member answers the test
 * case in this queue they see their words arrive where an agent would hear them: the loop, closed.
 * The console names the test (testId), so "a test agent is waiting" is said only once that case is in the
 * queue: a person who acts on the notice at once finds the case there.
 */
export function useTestEscalation(queue: ConsoleCase[]) {
  const [state, setState] = useState<TestState>({ phase: "idle" });
  const busy = useRef(false);
  const waitingFor = state.phase === "waiting" && !state.arrived ? state.callId : null;
  useEffect(() => {
    if (waitingFor && queue.some((c) => c.callId === waitingFor))
      setState((s) => (s.phase === "waiting" && s.callId === waitingFor ? { ...s, arrived: true } : s));
  }, [queue, waitingFor]);
  const send = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const testId = newTestId();
    setState({ phase: "waiting", callId: `test_${testId}`, arrived: false });
    try {
      setState({ phase: "done", outcome: await consoleApi.testEscalation(testId) });
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
  pending: "The test agent stopped waiting (as a real one does after its timeout), so its case left the queue. It would say:",
  unavailable: "Nobody counted as online, so the test case left the queue and the test agent was told at once:",
  cancelled: "The test case was cancelled; the test agent heard:",
};

/** What the waiting test agent got back, shown above the queue. */
export function TestEscalationStatus({ state, onDismiss }: { state: TestState; onDismiss: () => void }) {
  if (state.phase === "idle" || (state.phase === "waiting" && !state.arrived)) return null;
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
      {state.phase === "waiting" ? "Sending a test escalation…" : "Send a test escalation"}
    </button>
  );
}
