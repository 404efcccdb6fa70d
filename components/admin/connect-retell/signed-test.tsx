"use client";

import { useState } from "react";
import { errorText, sendJson } from "@/components/admin/format";

type Result = { ok: boolean; status: number; message: string; tool: string };

/** Asks the server to sign a harmless request with the stored Retell key, as Retell would, and run it. */
export function SignedTest({ apiKey }: { apiKey: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    setResult(null);
    const res = await sendJson("/api/settings/retell/test", "POST", { apiKey }).catch(() => null);
    setBusy(false);
    if (!res) return setError("Could not reach the server.");
    if (!res.ok) return setError(await errorText(res));
    setResult((await res.json()) as Result);
  }

  return (
    <section className="card" aria-labelledby="st-h">
      <h2 id="st-h">3. Check it</h2>
      <p className="adm-muted">Signs a get_human_answer request (it reads and changes nothing) with your stored Retell key and the key above, and sends it to /api/retell/functions.</p>
      <button type="button" onClick={run} disabled={busy || !apiKey}>
        {busy ? "Sending…" : "Send a signed test request"}
      </button>
      {!apiKey && <span className="adm-muted"> Choose a key first.</span>}
      {result && (
        <p role="status" data-testid="signed-test-result" className={result.ok ? "ok" : "error"}>
          {result.ok ? "✓ " : "✗ "}
          {result.message}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
