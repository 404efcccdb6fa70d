"use client";

import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import type { RetellKeyStatus } from "@/lib/domains/retell/credentials";
import { ErrorAlert } from "@/components/admin/form-feedback";

/** Per account: place make_phone_call and late-answer callbacks through the account's own Retell agent. */
export function RetellCallsForm({ initial }: { initial: RetellKeyStatus }) {
  const [status, setStatus] = useState(initial);
  const { busy, error, send } = useRequest();

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const agent = String(f.get("agent") ?? "").trim();
    const from = String(f.get("from") ?? "").trim();
    const res = await send(() =>
      sendJson("/api/settings/retell", "PUT", {
        placeCalls: f.get("place") === "on",
        callsAgentId: agent || null,
        callsFromNumber: from || null,
      }),
    );
    if (!res) return;
    setStatus((await res.json()) as RetellKeyStatus);
  }

  return (
    <section className="card" aria-labelledby="rc-h">
      <h2 id="rc-h">Calls through your Retell agent</h2>
      <p className="adm-muted">
        make_phone_call and the late-answer callback then go out through this agent and number (POST /v2/create-phone-call); the agent gets{" "}
        {"{{task}}"} and {"{{first_sentence}}"} as dynamic variables — make its begin message {"{{first_sentence}}"}. Credits are held and
        settled as for any call.
      </p>
      <form onSubmit={save} aria-label="Calls through Retell">
        <label>
          <input type="checkbox" name="place" defaultChecked={status.placeCalls} disabled={!status.apiKeySet} /> Place calls through Retell
        </label>{" "}
        <input name="agent" placeholder="agent_…" defaultValue={status.callsAgentId ?? ""} aria-label="Retell agent id" />{" "}
        <input name="from" placeholder="+14155550100" defaultValue={status.callsFromNumber ?? ""} aria-label="From number (in Retell)" />{" "}
        <button type="submit" disabled={busy || !status.apiKeySet}>
          {busy ? "Saving…" : "Save"}
        </button>
      </form>
      <p role="status" className="adm-muted">
        {!status.apiKeySet
          ? "Store your Retell API key first."
          : status.placeCalls
            ? `Calls go out through ${status.callsAgentId} from ${status.callsFromNumber}.`
            : "Calls go out through the default provider."}
      </p>
      <ErrorAlert error={error} />
    </section>
  );
}
