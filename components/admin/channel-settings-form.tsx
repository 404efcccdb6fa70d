"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { SettingsForm } from "@/components/admin/form-feedback";
import { CopyButton } from "@/components/admin/copy-button";
import type { ChannelSettingsView } from "@/lib/domains/channels/settings";

type Section = "slack" | "sms" | "ladder";

function useSave(section: Section) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [message, setMessage] = useState("");
  async function save(body: unknown, form?: HTMLFormElement) {
    setMessage("");
    if (!(await send(() => sendJson("/api/settings/channels", "PUT", { [section]: body })))) return;
    form?.reset();
    setMessage("Saved.");
    router.refresh();
  }
  return { busy, error, message, save };
}

const text = (f: FormData, name: string) => String(f.get(name) ?? "").trim();
/** A write-only field: empty keeps the saved value; the checkbox forgets it. */
const secret = (f: FormData, name: string) => (f.get(`clear-${name}`) === "on" ? null : text(f, name) || undefined);

/** Slack: the app's bot token and signing secret (write-only), the channel cases are posted to, the URL to give Slack. */
export function SlackSettingsForm({ settings }: { settings: ChannelSettingsView }) {
  const { busy, error, message, save } = useSave("slack");
  const s = settings.slack;
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void save(
      { botToken: secret(f, "botToken"), signingSecret: secret(f, "signingSecret"), channelId: text(f, "channelId") || null },
      e.currentTarget,
    );
  }
  return (
    <SettingsForm
      id="slack-settings"
      title={`Slack ${s.connected ? "· connected" : ""}`}
      onSubmit={submit}
      busy={busy}
      error={error}
      message={message}
      submitLabel="Save"
    >
      <div style={{ gridColumn: "span 2" }}>
        <label htmlFor="slack-url">Interactivity Request URL (paste into your Slack app)</label>
        <input id="slack-url" readOnly value={s.interactivityUrl} />
        <CopyButton value={s.interactivityUrl} label="Copy URL" />
      </div>
      <div>
        <label htmlFor="slack-token">Bot token</label>
        <input
          id="slack-token"
          name="botToken"
          type="password"
          autoComplete="off"
          placeholder={s.botTokenSet ? "saved; type to replace" : "xoxb-…"}
        />
        {s.botTokenSet && (
          <label>
            <input name="clear-botToken" type="checkbox" /> Forget it
          </label>
        )}
      </div>
      <div>
        <label htmlFor="slack-secret">Signing secret</label>
        <input
          id="slack-secret"
          name="signingSecret"
          type="password"
          autoComplete="off"
          placeholder={s.signingSecretSet ? "saved; type to replace" : "from Basic Information"}
        />
        {s.signingSecretSet && (
          <label>
            <input name="clear-signingSecret" type="checkbox" /> Forget it
          </label>
        )}
      </div>
      <div>
        <label htmlFor="slack-channel">Channel id</label>
        <input id="slack-channel" name="channelId" defaultValue={s.channelId ?? ""} placeholder="C0123ABCD" pattern="[CG][A-Z0-9]{2,30}" />
      </div>
    </SettingsForm>
  );
}

/** SMS through Twilio: Account SID, auth token (write-only), the sending number, the URL to give Twilio. */
export function SmsSettingsForm({ settings }: { settings: ChannelSettingsView }) {
  const { busy, error, message, save } = useSave("sms");
  const s = settings.sms;
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void save(
      { accountSid: text(f, "accountSid") || null, authToken: secret(f, "authToken"), fromNumber: text(f, "fromNumber") || null },
      e.currentTarget,
    );
  }
  return (
    <SettingsForm
      id="sms-settings"
      title={`SMS (Twilio) ${s.connected ? "· connected" : ""}`}
      onSubmit={submit}
      busy={busy}
      error={error}
      message={message}
      submitLabel="Save"
    >
      <div style={{ gridColumn: "span 2" }}>
        <label htmlFor="sms-url">Incoming-message webhook (your Twilio number, “A message comes in”, HTTP POST)</label>
        <input id="sms-url" readOnly value={s.inboundUrl} />
        <CopyButton value={s.inboundUrl} label="Copy URL" />
      </div>
      <div>
        <label htmlFor="sms-sid">Account SID</label>
        <input id="sms-sid" name="accountSid" defaultValue={s.accountSid ?? ""} placeholder="AC…" />
      </div>
      <div>
        <label htmlFor="sms-token">Auth token</label>
        <input
          id="sms-token"
          name="authToken"
          type="password"
          autoComplete="off"
          placeholder={s.authTokenSet ? "saved; type to replace" : ""}
        />
        {s.authTokenSet && (
          <label>
            <input name="clear-authToken" type="checkbox" /> Forget it
          </label>
        )}
      </div>
      <div>
        <label htmlFor="sms-from">From number</label>
        <input id="sms-from" name="fromNumber" type="tel" defaultValue={s.fromNumber ?? ""} placeholder="+15551234567" />
      </div>
    </SettingsForm>
  );
}

const CHANNELS = ["console", "slack", "ntfy", "sms"] as const;

/** The escalation ladder: one step per line, "channel seconds" (e.g. "sms 30"). */
export function LadderForm({ settings }: { settings: ChannelSettingsView }) {
  const { busy, error, message, save } = useSave("ladder");
  const [localError, setLocalError] = useState<string | null>(null);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    if (f.get("useDefault") === "on") return void save(null);
    const steps = text(f, "ladder")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [channel, after] = l.split(/\s+/);
        return { channel, afterSeconds: Number(after ?? 0) };
      });
    const bad = steps.find((s) => !CHANNELS.includes(s.channel as (typeof CHANNELS)[number]) || !Number.isInteger(s.afterSeconds));
    if (bad) return setLocalError(`Each line is a channel (${CHANNELS.join(", ")}) and whole seconds, e.g. "sms 30".`);
    setLocalError(null);
    void save(steps);
  }
  return (
    <SettingsForm
      id="ladder-settings"
      title="Escalation ladder"
      onSubmit={submit}
      busy={busy}
      error={localError ?? error}
      message={message}
      submitLabel="Save"
    >
      <div style={{ gridColumn: "span 2" }}>
        <label htmlFor="ladder">Steps, one per line: channel and seconds after the case arrives. A claim anywhere stops it.</label>
        <textarea
          id="ladder"
          name="ladder"
          rows={5}
          defaultValue={settings.ladder.map((s) => `${s.channel} ${s.afterSeconds}`).join("\n")}
        />
        <label>
          <input type="checkbox" name="useDefault" defaultChecked={settings.ladderIsDefault} /> Use the default ladder
        </label>
      </div>
    </SettingsForm>
  );
}
