"use client";

import type { CannedReply, ConsoleCase, ConsoleMessage } from "@/components/console/types";

/** An API error as the console shows it: the server's message, and its details (e.g. who holds a case). */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * The page navigates away at most once: while signing out, a heartbeat that meets the ended session
 * (401) must not start a second navigation that aborts the first.
 */
let leaving = false;
export function leaveTo(url: string): void {
  if (leaving) return;
  leaving = true;
  window.location.assign(url);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  if (res.status === 401) {
    // The session ended (signed out elsewhere, expired): back to sign-in, then here again.
    leaveTo(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    throw new ConsoleApiError(401, "Signed out.");
  }
  const json = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) throw new ConsoleApiError(res.status, json?.error?.message ?? `Request failed (${res.status}).`, json?.error?.details);
  return json as T;
}

export const consoleApi = {
  liveCases: () => call<{ cases: ConsoleCase[] }>("GET", "/api/cases?status=open,claimed&order=oldest&limit=200").then((r) => r.cases),
  history: (q: { q?: string; status?: string; cursor?: string | null }) => {
    const p = new URLSearchParams({ status: q.status || "answered,expired,cancelled", limit: "30" });
    if (q.q) p.set("q", q.q);
    if (q.cursor) p.set("cursor", q.cursor);
    return call<{ cases: ConsoleCase[]; nextCursor: string | null }>("GET", `/api/cases?${p}`);
  },
  getCase: (id: string) => call<ConsoleCase>("GET", `/api/cases/${id}`),
  messages: (id: string) => call<{ messages: ConsoleMessage[] }>("GET", `/api/cases/${id}/messages`).then((r) => r.messages),
  claim: (id: string) => call<ConsoleCase>("POST", `/api/cases/${id}/claim`),
  ladder: (id: string) =>
    call<{ steps: { step: number; channel: string; takenAt: string; outcome: string; attempts: number; retryAt: string | null }[] }>(
      "GET",
      `/api/cases/${id}/ladder`,
    ).then((r) => r.steps),
  /** The answer: words, a choice the case offers, or both. */
  answer: (id: string, body: { content?: string; choice?: string }) =>
    call<{ case: ConsoleCase }>("POST", `/api/cases/${id}/messages`, body).then((r) => r.case),
  presence: (status: "online" | "away") => call<{ online: number; ttlSeconds: number }>("POST", "/api/presence", { status }),
  testEscalation: (testId: string) =>
    call<{ status: "answered" | "pending" | "unavailable" | "cancelled"; caseId: string; message: string }>(
      "POST",
      "/api/test-escalation",
      { testId },
    ),
  onlineCount: () => call<{ online: number }>("GET", "/api/presence").then((r) => r.online),
  cannedReplies: () => call<{ cannedReplies: CannedReply[] }>("GET", "/api/canned-replies").then((r) => r.cannedReplies),
  createCannedReply: (v: { shortcut: string; title: string; body: string }) => call<CannedReply>("POST", "/api/canned-replies", v),
  updateCannedReply: (id: string, v: { shortcut?: string; title?: string; body?: string }) =>
    call<CannedReply>("PATCH", `/api/canned-replies/${id}`, v),
  deleteCannedReply: (id: string) => call<void>("DELETE", `/api/canned-replies/${id}`),
  /** Ends the session, then goes to sign-in (once, whatever else answers 401 meanwhile). */
  signOut: async () => {
    leaving = true;
    await call<{ ok: true }>("POST", "/api/auth/logout").catch(() => undefined);
    window.location.assign("/login");
  },
};
