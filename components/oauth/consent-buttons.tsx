"use client";

import { useState } from "react";

/**
 * Allow / Deny on the consent page. The decision is posted with fetch and the browser then goes where the
 * server says (the client's redirect URI): the pages' CSP (`form-action 'self'`) would stop a form post
 * from following a redirect to another site or to an app's own scheme (cursor://…).
 */
export function ConsentButtons({ request, canAllow, clientLabel }: { request: string; canAllow: boolean; clientLabel: string }) {
  const [busy, setBusy] = useState<"allow" | "deny" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: "allow" | "deny") {
    setBusy(decision);
    setError(null);
    const res = await fetch("/api/oauth/authorize", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ request, decision }),
    }).catch(() => null);
    const body = res ? await res.json().catch(() => ({})) : null;
    if (!res?.ok || typeof body?.redirectTo !== "string") {
      setBusy(null);
      return setError(body?.error_description ?? body?.error?.message ?? "Could not reach the server. Try again.");
    }
    window.location.assign(body.redirectTo);
  }

  if (busy && !error) return <p role="status">{busy === "allow" ? `Connecting ${clientLabel}…` : "Declined. Returning to the app…"}</p>;
  return (
    <div className="consent-actions">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {canAllow && (
        <button type="button" onClick={() => decide("allow")}>
          Allow
        </button>
      )}{" "}
      <button type="button" className="secondary" onClick={() => decide("deny")}>
        {canAllow ? "Deny" : "Cancel"}
      </button>
    </div>
  );
}
