"use client";

import { useState } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { ErrorAlert } from "@/components/admin/form-feedback";

const RETELL_SCOPES = ["hitl:ask", "calls:read", "calls:write"];

/**
 * Keys are shown once, so this page cannot show an existing one: paste the key the agent will send, or
 * generate a new one for Retell here (shown once, like on API keys). It stays in this page only.
 */
export function KeyChooser({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const { busy, error, send } = useRequest();
  const [generated, setGenerated] = useState<string | null>(null);

  async function generate() {
    const res = await send(() =>
      sendJson("/api/keys", "POST", { name: `Retell agent ${new Date().toISOString().slice(0, 10)}`, scopes: RETELL_SCOPES }),
    );
    if (!res) return;
    const body = (await res.json()) as { key: string; apiKey: { prefix: string } };
    setGenerated(body.apiKey.prefix);
    onChange(body.key);
  }

  return (
    <section className="card" aria-labelledby="key-h">
      <h2 id="key-h">1. The Switchboard key Retell sends</h2>
      <label>
        API key{" "}
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sb_…"
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
          size={48}
          aria-label="Switchboard API key for Retell"
        />
      </label>{" "}
      <button type="button" onClick={generate} disabled={busy}>
        {busy ? "Generating…" : "Generate a new key for Retell"}
      </button>
      <p className="adm-muted">
        {generated
          ? `New key ${generated}… (scopes ${RETELL_SCOPES.join(", ")}) filled in below. It is shown only now: paste the snippets into Retell before leaving this page.`
          : "Keys are shown only once, so paste one you kept, or generate one (scopes hitl:ask, calls:read, calls:write). It never leaves this page except in what you copy."}
      </p>
      <ErrorAlert error={error} />
    </section>
  );
}
