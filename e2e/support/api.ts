/** Small REST helpers for the app under test. */
export function api(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    opts: { key?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ) => {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: {
        ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}),
        ...(opts.body !== undefined || opts.raw !== undefined ? { "content-type": "application/json" } : {}),
        ...opts.headers,
      },
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  return {
    call,
    heartbeat: (key: string, status: "online" | "away" = "online") => call("POST", "/api/presence", { key, body: { status } }),
    answer: (key: string, caseId: string, content: string) => call("POST", `/api/cases/${caseId}/messages`, { key, body: { content } }),
    getCase: (key: string, caseId: string) => call("GET", `/api/cases/${caseId}`, { key }),
    /** Polls the case list until a case matching `pred` shows up (the way an answering bridge would find it). */
    async waitForOpenCase(key: string, pred: (c: any) => boolean, timeoutMs = 10_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const r = await call("GET", "/api/cases?status=open,claimed", { key });
        const found = r.json?.cases?.find(pred);
        if (found) return found;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error("case did not appear");
    },
  };
}

export const structured = (r: { structuredContent?: unknown }) =>
  r.structuredContent as { status: string; caseId?: string; answer?: string; message: string };
