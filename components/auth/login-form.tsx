"use client";

import { useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/transports/http/safe-next";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

/**
 * Signs in with fetch when JavaScript runs; without it the browser posts the same form to /api/auth/login
 * (method="post": the password never goes into the URL), which answers with a redirect to `next` or back here
 * with `failed` (the page shows it as `initialError`).
 */
export function LoginForm({ next, initialError }: { next?: string; initialError?: string | null }) {
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [signedIn, setSignedIn] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
    }).catch(() => null);
    setBusy(false);
    if (!res) return setError("Could not reach the server.");
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return setError(body?.error?.message ?? "Sign-in failed.");
    setSignedIn(body.member?.email ?? "you");
    // A full navigation, so server components read the new session cookie.
    // Checked again here (the page already did): only a path on this site, never an open redirect.
    window.location.assign(safeNextPath(next));
  }

  if (signedIn) return <p role="status">Signed in as {signedIn}.</p>;
  return (
    <form method="post" action="/api/auth/login" onSubmit={onSubmit} noValidate className="ui-stack">
      <input type="hidden" name="next" value={safeNextPath(next)} />
      <TextField id="email" name="email" type="email" label="Email" autoComplete="username" required />
      <TextField id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      {error && <Notice tone="error">{error}</Notice>}
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </div>
    </form>
  );
}
