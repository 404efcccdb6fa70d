"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useRequest } from "@/components/admin/use-request";
import { Button } from "@/components/ui/button";

const SAID: Record<string, string> = {
  updated: "Retried: the call synced and is up to date.",
  unchanged: "Retried: the provider answered; nothing had changed.",
  failed: "Retried, but the provider still failed; the sync job will keep trying.",
  dead_lettered: "Retried, but it failed again and was dead-lettered again.",
  call_final: "The call is already final; nothing left to sync.",
};

export function RetryDeadLetterButton({ id }: { id: string }) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [message, setMessage] = useState("");
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        disabled={busy}
        onClick={async () => {
          const res = await send(() => fetch(`/api/dead-letters/${id}/retry`, { method: "POST" }));
          if (!res) return;
          const body = (await res.json()) as { outcome: string };
          setMessage(SAID[body.outcome] ?? `Retried (${body.outcome}).`);
          router.refresh();
        }}
      >
        {busy ? "Retrying…" : "Retry"}
      </Button>{" "}
      <span role="status" className="adm-muted">
        {error ?? message}
      </span>
    </>
  );
}
