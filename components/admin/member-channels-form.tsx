"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { FormFeedback, SubmitButton } from "@/components/admin/form-feedback";
import { useRequest } from "@/components/admin/use-request";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

export type OnCallHours = { timeZone: string; days: number[]; start: string; end: string };
export type MemberChannels = { id: string; email: string; slackUserId: string | null; phone: string | null; onCall: OnCallHours | null };

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** A short line for the members table: on-call hours, phone, Slack. */
export function channelsSummary(m: MemberChannels): string {
  const parts: string[] = [];
  if (m.onCall) {
    const days = m.onCall.days.map((d) => DAYS[d - 1]).join(" ");
    const hours = m.onCall.start === m.onCall.end ? "all day" : `${m.onCall.start}–${m.onCall.end}`;
    parts.push(`on call ${days} ${hours} (${m.onCall.timeZone})`);
  }
  if (m.phone) parts.push(`SMS ${m.phone}`);
  if (m.slackUserId) parts.push(`Slack ${m.slackUserId}`);
  return parts.join(" · ") || "console only";
}

/** One member's on-call hours (in their time zone), SMS phone, and Slack link (found by email, confirmed here). */
export function MemberChannelsForm({ member, onDone }: { member: MemberChannels; onDone: () => void }) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [message, setMessage] = useState("");
  const [found, setFound] = useState<{ slackUserId: string; name: string | null } | null>(null);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const days = DAYS.map((_, i) => i + 1).filter((d) => f.get(`day-${d}`) === "on");
    const onCall =
      f.get("oncall") === "on"
        ? { timeZone: String(f.get("timeZone")), days, start: String(f.get("start")), end: String(f.get("end")) }
        : null;
    const phone = String(f.get("phone") ?? "").trim() || null;
    if (!(await send(() => sendJson(`/api/members/${member.id}/channels`, "PATCH", { phone, onCall })))) return;
    setMessage("Saved.");
    router.refresh();
  }

  async function lookUp() {
    const res = await send(() => sendJson(`/api/members/${member.id}/slack-lookup`, "POST"));
    if (res) setFound((await res.json()) as { slackUserId: string; name: string | null });
  }

  async function link(slackUserId: string | null) {
    if (!(await send(() => sendJson(`/api/members/${member.id}/channels`, "PATCH", { slackUserId })))) return;
    setFound(null);
    setMessage(slackUserId ? `Linked to Slack user ${slackUserId}.` : "Slack link removed.");
    router.refresh();
  }

  const hours = member.onCall;
  return (
    <section className="card" aria-labelledby="member-channels" data-testid="member-channels">
      <h2 id="member-channels" style={{ marginTop: 0 }}>
        On call and channels: {member.email}
      </h2>
      <form className="ui-stack" onSubmit={save}>
        <label>
          <input type="checkbox" name="oncall" defaultChecked={!!hours} /> On call during these hours (Slack and SMS reach them then)
        </label>
        <fieldset className="ui-form-row">
          <legend>Days</legend>
          {DAYS.map((d, i) => (
            <label key={d}>
              <input type="checkbox" name={`day-${i + 1}`} defaultChecked={hours ? hours.days.includes(i + 1) : i < 5} /> {d}
            </label>
          ))}
        </fieldset>
        <div className="ui-form-row">
          <TextField id="oc-start" name="start" type="time" label="From" defaultValue={hours?.start ?? "09:00"} required />
          <TextField
            id="oc-end"
            name="end"
            type="time"
            label="Until"
            defaultValue={hours?.end ?? "17:00"}
            required
            hint="Same as From: all day."
          />
          <TextField
            id="oc-tz"
            name="timeZone"
            label="Time zone"
            defaultValue={hours?.timeZone ?? browserZone}
            required
            hint="IANA, e.g. Europe/Paris"
          />
          <TextField
            id="oc-phone"
            name="phone"
            type="tel"
            label="SMS phone"
            defaultValue={member.phone ?? ""}
            hint="E.164, e.g. +15551234567"
          />
        </div>
        <div className="ui-form-row">
          <SubmitButton busy={busy} label="Save" busyLabel="Saving…" />
          <Button variant="secondary" type="button" onClick={onDone}>
            Close
          </Button>
        </div>
      </form>
      <h3>Slack</h3>
      <p className="adm-muted">
        {member.slackUserId ? `Linked to Slack user ${member.slackUserId}.` : "Not linked: their Slack clicks are not attributed to them."}
      </p>
      <div className="ui-form-row">
        <Button variant="secondary" size="sm" onClick={lookUp}>
          Look up by email
        </Button>
        {member.slackUserId && (
          <Button variant="danger" size="sm" onClick={() => link(null)}>
            Unlink
          </Button>
        )}
      </div>
      {found && (
        <p>
          Found {found.name ?? found.slackUserId} ({found.slackUserId}).{" "}
          <Button size="sm" onClick={() => link(found.slackUserId)}>
            Link this Slack user
          </Button>
        </p>
      )}
      <FormFeedback error={error} message={message} />
    </section>
  );
}
