"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { SettingsForm } from "@/components/admin/form-feedback";
import type { PublicGolfSettings } from "@/lib/domains/golf/settings";

/** Where tee times are booked: Switchboard's own tee sheet, or Chronogolf with the account's partner credentials. */
export function GolfSettingsForm({ settings }: { settings: PublicGolfSettings }) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [message, setMessage] = useState("");
  const cg = settings.chronogolf;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const secret = (k: string) => (text(k) ? { [k]: text(k) } : {}); // blank keeps the stored secret
    const body = {
      provider: text("provider"),
      chronogolf: {
        baseUrl: text("baseUrl") || undefined,
        organizationId: text("organizationId"),
        clientId: text("clientId"),
        timezone: text("timezone") || undefined,
        ...secret("clientSecret"),
        ...secret("refreshToken"),
      },
    };
    if (!(await send(() => sendJson("/api/golf/settings", "PUT", body)))) return;
    setMessage("Saved.");
    router.refresh();
  }

  return (
    <SettingsForm
      id="golf-provider"
      title="Booking provider"
      onSubmit={submit}
      busy={busy}
      error={error}
      message={message}
      submitLabel="Save provider"
    >
      {/* The provider's names and the API URL need the room of a whole row to be read in full. */}
      <div className="adm-wide">
        <label htmlFor="gs-provider">Book tee times on</label>
        <select id="gs-provider" name="provider" defaultValue={settings.provider}>
          <option value="embedded">Switchboard tee sheets</option>
          <option value="chronogolf">Chronogolf / Lightspeed Golf</option>
        </select>
      </div>
      <div className="adm-wide">
        <label htmlFor="gs-base">Chronogolf API base URL</label>
        <input id="gs-base" name="baseUrl" defaultValue={cg.baseUrl} />
      </div>
      <div>
        <label htmlFor="gs-org">Organization id</label>
        <input id="gs-org" name="organizationId" defaultValue={cg.organizationId ?? ""} />
      </div>
      <div>
        <label htmlFor="gs-client">Client id</label>
        <input id="gs-client" name="clientId" defaultValue={cg.clientId ?? ""} />
      </div>
      <div>
        <label htmlFor="gs-secret">Client secret {cg.clientSecretSet ? "(set — blank keeps it)" : "(not set)"}</label>
        <input id="gs-secret" name="clientSecret" type="password" autoComplete="off" />
      </div>
      <div>
        <label htmlFor="gs-refresh">Refresh token {cg.refreshTokenSet ? "(set — blank keeps it)" : "(not set)"}</label>
        <input id="gs-refresh" name="refreshToken" type="password" autoComplete="off" />
      </div>
      <div>
        <label htmlFor="gs-tz">Club timezone</label>
        <input id="gs-tz" name="timezone" defaultValue={cg.timezone ?? ""} placeholder="America/Toronto" />
      </div>
    </SettingsForm>
  );
}
