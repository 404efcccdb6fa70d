"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorText } from "@/components/admin/format";

/** Cancels a reservation (frees its spots); the page refreshes to show it. */
export function CancelReservationButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  return (
    <>
      <button
        type="button"
        className="adm-btn-secondary"
        disabled={busy}
        aria-label={`Cancel reservation ${label}`}
        onClick={async () => {
          if (!window.confirm(`Cancel reservation ${label}?`)) return;
          setBusy(true);
          const res = await fetch(`/api/golf/reservations/${id}/cancel`, { method: "POST" }).catch(() => null);
          setBusy(false);
          if (!res) return setMessage("Could not reach the server.");
          if (!res.ok) return setMessage(await errorText(res));
          setMessage("Cancelled.");
          router.refresh();
        }}
      >
        {busy ? "Cancelling…" : "Cancel"}
      </button>{" "}
      <span role="status" className="adm-muted">
        {message}
      </span>
    </>
  );
}
