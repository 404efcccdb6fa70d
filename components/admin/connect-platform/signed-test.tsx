"use client";

import { useState } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { ErrorAlert } from "@/components/admin/form-feedback";

type Result = { ok: boolean; status: number; message: string; tool: string };

/** Asks the server to sign a harmless request with the stored platform secret, as the platform would, and run it. */
export function SignedTest({
  apiKey,
  testUrl = "/api/settings/retell/test",
  children,
}: {
  apiKey: string;
  /** The platform's signed-test route. */
  testUrl?: string;
  /** What the test sends, in a sentence. */
  children?: React.ReactNode;
}) {
  const { busy, error, send } = useRequest();
  const [result, setResult] = useState<Result | null>(null);

  async function run() {
    setResult(null);
    const res = await send(() => sendJson(testUrl, "POST", { apiKey }));
    if (!res) return;
    setResult((await res.json()) as Result);
  }

  return (
    <section className="card" aria-labelledby="st-h">
      <h2 id="st-h">3. Check it</h2>
      <p className="adm-muted">
        {children ??
          "Signs a get_human_answer request (it reads and changes nothing) with your stored Retell key and the key above, and sends it to /api/retell/functions."}
      </p>
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
      <ErrorAlert error={error} />
    </section>
  );
}
