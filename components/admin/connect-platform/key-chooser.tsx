"use client";

import { useState } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { ErrorAlert } from "@/components/admin/form-feedback";

const SCOPES = ["hitl:ask", "calls:read", "calls:write"];

/**
 * Keys are shown once, so this page cannot show an existing one: paste the key the agent will send, or
 * generate a new one for the platform here (shown once, like on API keys). It stays in this page only.
 */
export function KeyChooser({
  value,
  onChange,
  platform = "Retell",
}: {
  value: string;
  onChange: (key: string) => void;
  platform?: string;
}) {
  const { busy, error, send } = useRequest();
  const [generated, setGenerated] = useState<string | null>(null);

  async function generate() {
    const res = await send(() =>
      sendJson("/api/keys", "POST", { name: `${platform} agent ${new Date().toISOString().slice(0, 10)}`, scopes: SCOPES }),
    );
    if (!res) return;
    const body = (await res.json()) as { key: string; apiKey: { prefix: string } };
    setGenerated(body.apiKey.prefix);
    onChange(body.key);
  }

  return (
    <section className="card" aria-labelledby="key-h">
      <h2 id="key-h">1. The Switchboard key {platform} sends</h2>
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
          aria-label={`Switchboard API key for ${platform}`}
        />
      </label>{" "}
      <button type="button" onClick={generate} disabled={busy}>
        {busy ? "Generating…" : `Generate a new key for ${platform}`}
      </button>
      <p className="adm-muted">
        {generated
          ? `New key ${generated}… (scopes ${SCOPES.join(", ")}) filled in below. It is shown only now: paste the snippets into ${platform} before leaving this page.`
          : "Keys are shown only once, so paste one you kept, or generate one (scopes hitl:ask, calls:read, calls:write). It never leaves this page except in what you copy."}
      </p>
      <ErrorAlert error={error} />
    </section>
  );
}
