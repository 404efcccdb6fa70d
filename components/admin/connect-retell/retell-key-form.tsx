"use client";

import { useState, type FormEvent } from "react";
import { formatWhen, sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import type { RetellKeyStatus } from "@/lib/domains/retell/credentials";
import { ErrorAlert } from "@/components/admin/form-feedback";

/** The account's Retell API key: write-only (only whether one is set and its last 4 come back). */
export function RetellKeyForm({ initial }: { initial: RetellKeyStatus }) {
  const [status, setStatus] = useState(initial);
  const [value, setValue] = useState("");
  const { busy, error, send } = useRequest();

  async function save(e: FormEvent) {
    e.preventDefault();
    const res = await send(() => sendJson("/api/settings/retell", "PUT", { apiKey: value }));
    if (!res) return;
    setStatus((await res.json()) as RetellKeyStatus);
    setValue("");
  }

  return (
    <section className="card" aria-labelledby="rk-h">
      <h2 id="rk-h">2. Your Retell API key</h2>
      <p className="adm-muted">
        Retell signs every custom-function request and webhook with it (X-Retell-Signature); once stored, unsigned requests for this account
        are refused. Write-only: it is never shown again.
      </p>
      <p role="status" data-testid="retell-key-status">
        {status.apiKeySet
          ? `A key ending in ${status.apiKeyLast4} is stored (since ${formatWhen(status.updatedAt)}).`
          : "No Retell API key stored: requests are authenticated by the Switchboard key alone."}
      </p>
      <form onSubmit={save} aria-label="Retell API key">
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="key_…"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label="Retell API key"
          size={40}
          required
        />{" "}
        <button type="submit" disabled={busy || !value.trim()}>
          {busy ? "Saving…" : status.apiKeySet ? "Replace" : "Store"}
        </button>
      </form>
      <ErrorAlert error={error} />
    </section>
  );
}
