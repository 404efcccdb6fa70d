"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useRequest } from "@/components/admin/use-request";

/** Cancels a reservation (frees its spots); the page refreshes to show it. */
export function CancelReservationButton({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
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
          const res = await send(() => fetch(`/api/golf/reservations/${id}/cancel`, { method: "POST" }));
          if (!res) return;
          setMessage("Cancelled.");
          router.refresh();
        }}
      >
        {busy ? "Cancelling…" : "Cancel"}
      </button>{" "}
      <span role="status" className="adm-muted">
        {error ?? message}
      </span>
    </>
  );
}
