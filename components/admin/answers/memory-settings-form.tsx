"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SettingsForm } from "@/components/admin/form-feedback";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { SelectField, TextField } from "@/components/ui/field";
import type { MemorySettings } from "@/lib/domains/memory/settings";

/** Automatic answers (on / off / the default) and the threshold, for Admin → Answers. */
export function MemorySettingsForm({ initial }: { initial: MemorySettings }) {
  const router = useRouter();
  const req = useRequest();
  const [auto, setAuto] = useState(initial.autoAnswerSetting === null ? "default" : initial.autoAnswerSetting ? "on" : "off");
  const [threshold, setThreshold] = useState(initial.thresholdSetting === null ? "" : String(initial.thresholdSetting));
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const body = { autoAnswer: auto === "default" ? null : auto === "on", threshold: threshold.trim() === "" ? null : Number(threshold) };
    if (await req.send(() => sendJson("/api/memory/settings", "PATCH", body))) {
      setMessage("Saved.");
      router.refresh();
    }
  }

  return (
    <SettingsForm
      id="memory-settings"
      title="Automatic answers"
      onSubmit={submit}
      busy={req.busy}
      error={req.error}
      message={message ?? ""}
      submitLabel="Save settings"
    >
      <p className="adm-muted">
        Callers are answered at once, without a person, from entries an admin approved — when the match scores at least the threshold. Now:{" "}
        <strong data-testid="auto-answer-state">{initial.autoAnswer ? "on" : "off"}</strong> ({initial.approvedEntries} approved).
      </p>
      <SelectField
        id="memory-auto"
        label="Answer callers from approved entries"
        hint="Default: on once an entry is approved."
        value={auto}
        onChange={(e) => setAuto(e.target.value)}
      >
        <option value="default">Default</option>
        <option value="on">On</option>
        <option value="off">Off</option>
      </SelectField>
      <TextField
        id="memory-threshold"
        label="Threshold (0–1)"
        hint={`Empty = the default, ${initial.defaultThreshold}. Higher: fewer automatic answers, fewer wrong ones.`}
        inputMode="decimal"
        value={threshold}
        onChange={(e) => setThreshold(e.target.value)}
        placeholder={String(initial.defaultThreshold)}
      />
    </SettingsForm>
  );
}
