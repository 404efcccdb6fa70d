"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { SettingsForm } from "@/components/admin/form-feedback";
import type { NotifySettingsView } from "@/lib/domains/notify/settings";

/** ntfy server, topics and access token (write-only: the field is always empty; leave it empty to keep the saved one). */
export function NotifySettingsForm({ settings }: { settings: NotifySettingsView }) {
  const router = useRouter();
  const { busy, error, setError, send } = useRequest();
  const [message, setMessage] = useState("");

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (name: string) => String(f.get(name) ?? "").trim();
    const body: Record<string, unknown> = {
      serverUrl: text("serverUrl") || null,
      defaultTopic: text("defaultTopic") || null,
      oncallTopic: text("oncallTopic") || null,
    };
    if (text("accessToken")) body.accessToken = text("accessToken");
    if (f.get("clearToken") === "on") body.accessToken = null;
    if (!(await send(() => sendJson("/api/settings/notifications", "PUT", body)))) return;
    form.reset();
    setMessage("Saved.");
    router.refresh();
  }

  async function test(topic: "default" | "oncall") {
    setMessage("");
    const res = await send(() => sendJson("/api/settings/notifications/test", "POST", { topic }));
    if (!res) return;
    const r = (await res.json()) as { message: string; status: string };
    if (r.status === "failed") setError(r.message);
    else setMessage(r.message);
    router.refresh();
  }

  const testButtons = (
    <>
      <button type="button" disabled={busy || !settings.defaultTopic} onClick={() => test("default")}>
        Send test notification
      </button>
      <button type="button" disabled={busy || !settings.oncallTopic} onClick={() => test("oncall")}>
        Test the on-call page
      </button>
    </>
  );

  return (
    <SettingsForm
      id="notify-settings"
      title="ntfy settings"
      onSubmit={submit}
      busy={busy}
      error={error}
      message={message}
      submitLabel="Save"
      busyLabel="Working…"
      actions={testButtons}
    >
      <div style={{ gridColumn: "span 2" }}>
        <label htmlFor="ntfy-server">Server</label>
        <input
          id="ntfy-server"
          name="serverUrl"
          type="url"
          defaultValue={settings.serverUrlIsDefault ? "" : settings.serverUrl}
          placeholder={settings.serverUrlIsDefault ? settings.serverUrl : "https://ntfy.sh"}
        />
      </div>
      <div>
        <label htmlFor="ntfy-default-topic">Default topic</label>
        <input
          id="ntfy-default-topic"
          name="defaultTopic"
          defaultValue={settings.defaultTopic ?? ""}
          placeholder="e.g. acme-alerts-7f3k"
          pattern="[-_A-Za-z0-9]{1,64}"
        />
      </div>
      <div>
        <label htmlFor="ntfy-oncall-topic">On-call topic (pages)</label>
        <input
          id="ntfy-oncall-topic"
          name="oncallTopic"
          defaultValue={settings.oncallTopic ?? ""}
          placeholder="e.g. acme-oncall-9x2q"
          pattern="[-_A-Za-z0-9]{1,64}"
        />
      </div>
      <div style={{ gridColumn: "span 2" }}>
        <label htmlFor="ntfy-token">Access token</label>
        <input
          id="ntfy-token"
          name="accessToken"
          type="password"
          autoComplete="off"
          placeholder={
            settings.accessTokenSet ? `saved (…${settings.accessTokenLast4}); type to replace` : "tk_… (only for protected topics)"
          }
        />
        {settings.accessTokenSet && (
          <label>
            <input name="clearToken" type="checkbox" /> Forget the saved token
          </label>
        )}
      </div>
    </SettingsForm>
  );
}
