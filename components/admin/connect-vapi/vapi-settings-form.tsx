"use client";

import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import type { VapiStatus } from "@/lib/domains/vapi/credentials";
import { ErrorAlert } from "@/components/admin/form-feedback";

const text = (f: FormData, name: string) => String(f.get(name) ?? "").trim();

/** The account's Vapi connection: the server secret and private key (write-only), ask_human's wait, calls through Vapi. */
export function VapiSettingsForm({ status, onSaved }: { status: VapiStatus; onSaved: (s: VapiStatus) => void }) {
  const { busy, error, send } = useRequest();
  const [formKey, setFormKey] = useState(0);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const wait = text(f, "wait");
    const body: Record<string, unknown> = {
      waitSeconds: wait ? Number(wait) : null,
      placeCalls: f.get("place") === "on",
      callsAssistantId: text(f, "assistant") || null,
      callsPhoneNumberId: text(f, "number") || null,
    };
    if (text(f, "secret")) body.serverSecret = text(f, "secret");
    if (text(f, "key")) body.apiKey = text(f, "key");
    const res = await send(() => sendJson("/api/settings/vapi", "PUT", body));
    if (!res) return;
    onSaved((await res.json()) as VapiStatus);
    setFormKey((k) => k + 1); // clears the secret fields
  }

  return (
    <section className="card" aria-labelledby="vs-h">
      <h2 id="vs-h">2. Your Vapi secret and settings</h2>
      <p className="adm-muted">
        The server secret is the one you give Vapi (the tools&apos; and the assistant&apos;s server credential): once stored, requests for
        this account without it are refused. The private key places calls through your assistant. Both are write-only.
      </p>
      <p role="status" data-testid="vapi-settings-status">
        {status.serverSecretSet
          ? `Server secret ending in ${status.serverSecretLast4} stored.`
          : "No server secret stored: tool requests are authenticated by the Switchboard key alone."}{" "}
        {status.apiKeySet ? `Private key ending in ${status.apiKeyLast4} stored.` : "No private key stored."} ask_human waits{" "}
        {status.waitSeconds} s{status.waitIsDefault ? " (the default)" : ""}.
      </p>
      <form key={formKey} onSubmit={save} aria-label="Vapi settings" className="adm-stack">
        <label>
          Server secret{" "}
          <input name="secret" type="password" autoComplete="off" spellCheck={false} size={40} aria-label="Vapi server secret" />
        </label>
        <label>
          Private API key{" "}
          <input name="key" type="password" autoComplete="off" spellCheck={false} size={40} aria-label="Vapi private API key" />
        </label>
        <label>
          ask_human wait (seconds, 5–290){" "}
          <input
            name="wait"
            type="number"
            min={5}
            max={290}
            defaultValue={status.waitIsDefault ? "" : status.waitSeconds}
            aria-label="ask_human wait on Vapi"
          />
        </label>
        <fieldset>
          <legend>Calls through your Vapi assistant</legend>
          <label>
            <input type="checkbox" name="place" defaultChecked={status.placeCalls} /> Place make_phone_call and callbacks through Vapi
          </label>{" "}
          <input name="assistant" placeholder="assistant id" defaultValue={status.callsAssistantId ?? ""} aria-label="Vapi assistant id" />{" "}
          <input
            name="number"
            placeholder="phone number id"
            defaultValue={status.callsPhoneNumberId ?? ""}
            aria-label="Vapi phone number id"
          />
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
      <ErrorAlert error={error} />
    </section>
  );
}
