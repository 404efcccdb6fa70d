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
const CHANNEL_NAMES: Record<(typeof CHANNELS)[number], string> = {
  console: "Console",
  slack: "Slack",
  ntfy: "On-call page (ntfy)",
  sms: "SMS to on-call members",
};
/** The server's bounds (lib/domains/channels/ladder-steps.ts): it checks again and names what is wrong. */
const MAX_STEPS = 8;
const MAX_SECONDS = 3600;
type StepDraft = { key: number; channel: (typeof CHANNELS)[number]; seconds: string };

/**
 * The escalation ladder: one row per step (channel and seconds after the case arrives), in order, with buttons to
 * add, remove and move steps; or the default ladder. Seconds stay text while typed and are checked on Save.
 */
export function LadderForm({ settings }: { settings: ChannelSettingsView }) {
  const { busy, error, message, save } = useSave("ladder");
  const [localError, setLocalError] = useState<string | null>(null);
  const [useDefault, setUseDefault] = useState(settings.ladderIsDefault);
  const [nextKey, setNextKey] = useState(settings.ladder.length);
  const [steps, setSteps] = useState<StepDraft[]>(() =>
    settings.ladder.map((st, key) => ({ key, channel: st.channel, seconds: String(st.afterSeconds) })),
  );
  const change = (i: number, patch: Partial<StepDraft>) => setSteps((all) => all.map((st, j) => (j === i ? { ...st, ...patch } : st)));
  const move = (i: number, by: -1 | 1) =>
    setSteps((all) => {
      const out = [...all];
      [out[i], out[i + by]] = [out[i + by]!, out[i]!];
      return out;
    });
  const add = () => {
    setSteps((all) => [
      ...all,
      { key: nextKey, channel: "sms", seconds: String(Math.min(MAX_SECONDS, Number(all.at(-1)?.seconds ?? 0) + 30 || 30)) },
    ]);
    setNextKey((k) => k + 1);
  };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (useDefault) return void save(null);
    const bad = steps.findIndex((st) => !/^\d+$/.test(st.seconds.trim()) || Number(st.seconds) > MAX_SECONDS);
    if (bad >= 0) return setLocalError(`Step ${bad + 1}: seconds must be a whole number from 0 to ${MAX_SECONDS}.`);
    if (steps.length === 0) return setLocalError("The ladder needs at least one step (or use the default ladder).");
    setLocalError(null);
    void save(steps.map((st) => ({ channel: st.channel, afterSeconds: Number(st.seconds) })));
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
        <p className="adm-muted">
          Each step reaches people on one channel, this many seconds after the case arrives. A claim anywhere stops it.
        </p>
        <label>
          <input type="checkbox" name="useDefault" checked={useDefault} onChange={(e) => setUseDefault(e.currentTarget.checked)} /> Use the
          default ladder
        </label>
        {useDefault ? (
          <ol data-testid="ladder-steps">
            {settings.defaultLadder.map((st) => (
              <li key={`${st.channel}-${st.afterSeconds}`}>
                {CHANNEL_NAMES[st.channel]} after {st.afterSeconds} s
              </li>
            ))}
          </ol>
        ) : (
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="adm-muted">Steps, in order</legend>
            <ol data-testid="ladder-steps">
              {steps.map((st, i) => (
                <li key={st.key}>
                  <select
                    aria-label={`Step ${i + 1} channel`}
                    value={st.channel}
                    onChange={(e) => change(i, { channel: e.currentTarget.value as StepDraft["channel"] })}
                  >
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {CHANNEL_NAMES[c]}
                      </option>
                    ))}
                  </select>{" "}
                  after{" "}
                  <input
                    aria-label={`Step ${i + 1} seconds`}
                    inputMode="numeric"
                    size={5}
                    value={st.seconds}
                    onChange={(e) => change(i, { seconds: e.currentTarget.value })}
                  />{" "}
                  s{" "}
                  <button type="button" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove step ${i + 1}`}
                    onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" onClick={add} disabled={steps.length >= MAX_STEPS}>
              Add a step
            </button>
          </fieldset>
        )}
      </div>
    </SettingsForm>
  );
}
