"use client";

import { useState, type FormEvent } from "react";
import { CopyButton } from "@/components/admin/copy-button";

type Done = { email: string; key: string; scopes: string[]; mcpUrl: string };

/** The first admin: email, name, password (twice), and a setup token where one is required; then the key, once. */
export function SetupForm({ tokenRequired, initialToken, origin }: { tokenRequired: boolean; initialToken: string; origin: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (form.get("password") !== form.get("confirm")) return setError("The two passwords differ.");
    setBusy(true);
    setError(null);
    const token = String(form.get("token") ?? "").trim();
    const res = await fetch("/api/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: form.get("email"),
        name: form.get("name") || undefined,
        password: form.get("password"),
        ...(token ? { token } : {}),
      }),
    }).catch(() => null);
    setBusy(false);
    if (!res) return setError("Could not reach the server.");
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return setError(body?.error?.message ?? "Setup failed.");
    setDone({ email: body.member.email, key: body.apiKey.key, scopes: body.apiKey.scopes, mcpUrl: body.mcpUrl });
  }

  // The sentence about nobody signing in belongs to the form: once it is sent, the member is signed in.
  if (done) return <SetupDone done={done} />;
  return (
    <form className="card" onSubmit={onSubmit} aria-label="Create the first admin">
      <p style={{ marginTop: 0 }}>Nobody can sign in yet — create the first admin.</p>
      {tokenRequired && (
        <>
          <label htmlFor="token">Setup token</label>
          <input id="token" name="token" defaultValue={initialToken} autoComplete="off" required />
          <p className="muted" style={{ margin: ".25rem 0 0" }}>
            This database is not the embedded one on this machine, so prove you run it: <code>npx switchboard setup-token</code> (with the
            app&apos;s <code>DATABASE_URL</code>) prints a one-time token, or set <code>SETUP_TOKEN</code>.
          </p>
        </>
      )}
      <label htmlFor="email">Your email</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="name">Your name (shown to other operators)</label>
      <input id="name" name="name" autoComplete="name" />
      <label htmlFor="password">Password (at least 8 characters)</label>
      <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required />
      <label htmlFor="confirm">Password again</label>
      <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={8} required />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create admin and API key"}
      </button>
      <p style={{ marginBottom: 0 }}>
        <small>
          Your agent will connect to <code>{origin}/api/mcp</code>.
        </small>
      </p>
    </form>
  );
}

function SetupDone({ done }: { done: Done }) {
  return (
    <section className="card" aria-label="Setup complete">
      <p role="status">
        <strong>You are signed in as {done.email}.</strong>
      </p>
      <h2>Your agent&apos;s API key — shown once</h2>
      <p>Copy it now: only a hash is stored. Lost it? Create another in Admin → API keys.</p>
      <p>
        <code data-testid="setup-api-key" style={{ wordBreak: "break-all" }}>
          {done.key}
        </code>{" "}
        <CopyButton value={done.key} label="Copy key" />
      </p>
      <p>
        Scopes: <code>{done.scopes.join(", ")}</code>. MCP URL: <code data-testid="setup-mcp-url">{done.mcpUrl}</code>{" "}
        <CopyButton value={done.mcpUrl} label="Copy URL" />
      </p>
      <p>
        Agents send it as <code>Authorization: Bearer …</code>. To see the loop close without an agent, open the console and press{" "}
        <em>Send a test escalation</em>.
      </p>
      <p>
        <a href="/console">Open the console →</a> · <a href="/admin">Admin</a> · <a href="/">Home</a>
      </p>
    </section>
  );
}
