"use client";

import { useState, type FormEvent } from "react";

/** Current password, new password twice. */
export function ChangePasswordForm() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    const form = new FormData(el);
    setError(null);
    setDone(null);
    if (form.get("newPassword") !== form.get("confirm")) return setError("The two new passwords differ.");
    setBusy(true);
    const res = await fetch("/api/auth/password", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") }),
    }).catch(() => null);
    setBusy(false);
    if (!res) return setError("Could not reach the server.");
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return setError(body?.error?.message ?? "The password was not changed.");
    el.reset();
    const others = Number(body.otherSessionsEnded ?? 0);
    const apps = Number(body.appsDisconnected ?? 0);
    setDone(
      `Password changed.${others ? ` ${others} other session${others === 1 ? "" : "s"} signed out.` : ""}${apps ? ` ${apps} connected app${apps === 1 ? "" : "s"} disconnected.` : ""}`,
    );
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-label="Change password">
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      <label htmlFor="newPassword">New password (at least 8 characters)</label>
      <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
      <label htmlFor="confirm">New password again</label>
      <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={8} required />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
      <button type="submit" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
