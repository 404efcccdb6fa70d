"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { SettingsForm } from "@/components/admin/form-feedback";

type Policy = { askKeyCallbacksEnabled: boolean; callbackNumberPrefixes: string[] };

/** Late-answer callbacks for hitl:ask keys: off by default; on only to the listed number prefixes. */
export function CallbackPolicyForm({ policy }: { policy: Policy }) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [message, setMessage] = useState("");

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const prefixes = String(f.get("prefixes") ?? "")
      .split(/[\s,]+/)
      .filter(Boolean);
    if (
      !(await send(() =>
        sendJson("/api/settings/callbacks", "PATCH", {
          askKeyCallbacksEnabled: f.get("enabled") === "on",
          callbackNumberPrefixes: prefixes,
        }),
      ))
    )
      return;
    setMessage("Saved.");
    router.refresh();
  }

  return (
    <SettingsForm
      id="callback-policy"
      title="Late-answer callbacks"
      onSubmit={submit}
      busy={busy}
      error={error}
      message={message}
      submitLabel="Save"
    >
      <p className="adm-muted" style={{ gridColumn: "1 / -1", margin: 0 }}>
        A callback is a billed call to the number an agent passed in. Keys with <code>calls:write</code> may always ask for one; agent keys
        with only <code>hitl:ask</code> only when this is on, and only to numbers starting with an allowed prefix.
      </p>
      <div>
        <label>
          <input name="enabled" type="checkbox" defaultChecked={policy.askKeyCallbacksEnabled} /> Allow callbacks for hitl:ask keys
        </label>
      </div>
      <div style={{ gridColumn: "span 2" }}>
        <label htmlFor="cb-prefixes">Allowed number prefixes</label>
        <input id="cb-prefixes" name="prefixes" defaultValue={policy.callbackNumberPrefixes.join(", ")} placeholder="e.g. +1415, +44" />
      </div>
    </SettingsForm>
  );
}
