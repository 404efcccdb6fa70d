"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { SettingsForm } from "@/components/admin/form-feedback";

/** Adds (or, with a negative amount, removes) credits; the ledger records who and why. */
export function AddCreditsForm() {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [message, setMessage] = useState("");

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    const amount = Number(f.get("amount"));
    const res = await send(() =>
      sendJson("/api/credits", "POST", { amount: Number.isFinite(amount) ? amount : f.get("amount"), reason: f.get("reason") }),
    );
    if (!res) return;
    const body = (await res.json()) as { balance: number };
    formEl.reset();
    setMessage(`Done. The balance is now ${body.balance} credits.`);
    router.refresh();
  }

  return (
    <SettingsForm
      id="add-credits"
      title="Add credits"
      onSubmit={submit}
      busy={busy}
      error={error}
      message={message}
      submitLabel="Add credits"
    >
      <div>
        <label htmlFor="c-amount">Amount</label>
        <input id="c-amount" name="amount" type="number" step={1} required aria-describedby="c-amount-hint" />
      </div>
      <div style={{ gridColumn: "span 2" }}>
        <label htmlFor="c-reason">Reason</label>
        <input id="c-reason" name="reason" required maxLength={500} placeholder="e.g. November top-up, invoice 1042" />
      </div>
      <p id="c-amount-hint" className="adm-muted" style={{ gridColumn: "1 / -1", margin: "0.25rem 0 0" }}>
        Whole credits; a negative amount removes credits (never below what calls in progress hold).
      </p>
    </SettingsForm>
  );
}
