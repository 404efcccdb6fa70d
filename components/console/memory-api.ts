"use client";

/** The console's calls to answer memory (lib/domains/memory): suggestions for a case, save, count a reuse. */
export type MemorySuggestion = {
  id: string;
  question: string;
  answer: string;
  score: number;
  answeredBy: string;
  answeredAt: string;
  approvedForAuto: boolean;
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(json?.error?.message ?? `Request failed (${res.status}).`);
  return json as T;
}

export const memoryApi = {
  suggestions: (caseId: string) =>
    call<{ suggestions: MemorySuggestion[] }>("GET", `/api/cases/${encodeURIComponent(caseId)}/suggestions`).then((r) => r.suggestions),
  saveFromCase: (caseId: string, answer: string) => call<{ id: string }>("POST", "/api/memory/from-case", { caseId, answer }),
  reused: (id: string) => call<{ reused: number }>("POST", `/api/memory/${encodeURIComponent(id)}/reused`),
};

/** "today", "yesterday", "3 days ago", "2 months ago": how old a saved answer is. */
export function ageOf(iso: string, now = Date.now()): string {
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 60) return `${days} days ago`;
  return `${Math.floor(days / 30)} months ago`;
}
