"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatWhen, sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { ShownOnce } from "@/components/admin/shown-once";
import { ClientConfigs } from "@/components/admin/client-configs";
import { FormFeedback, SubmitButton } from "@/components/admin/form-feedback";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { Scope } from "@/lib/domains/auth/principal";
import { TextField } from "@/components/ui/field";
import { DataTable, type Column } from "@/components/ui/table";

export type KeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

// Every scope has its sentence: a scope added to SCOPES without one does not type-check.
const SCOPE_HINTS: Record<Scope, string> = {
  "hitl:ask": "voice agents: ask_human",
  "hitl:answer": "answer bridges: claim and answer cases",
  "replies:write": "manage the team's canned replies",
  "calls:read": "read calls, transcripts, recordings",
  "calls:write": "place and cancel calls",
  "notify:send": "send push notifications (send_push_notification)",
  "weather:read": "look up the weather (get_weather)",
  "golf:read": "search tee times, read golf reservations",
  "golf:write": "book and cancel tee times",
  admin: "everything, including members and keys",
};

export function KeysPanel({ keys, scopes, baseUrl }: { keys: KeyView[]; scopes: readonly string[]; baseUrl: string }) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [message, setMessage] = useState("");
  const [revoking, setRevoking] = useState<KeyView | null>(null);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    const res = await send(() => sendJson("/api/keys", "POST", { name: f.get("name"), scopes: f.getAll("scopes") }));
    if (!res) return;
    const body = (await res.json()) as { key: string; apiKey: KeyView };
    formEl.reset();
    setCreated({ name: body.apiKey.name, key: body.key });
    setMessage(`Created key ${body.apiKey.prefix}.`);
    router.refresh();
  }

  async function revoke(k: KeyView) {
    setRevoking(null);
    if (!(await send(() => sendJson(`/api/keys/${k.id}`, "DELETE"), { busy: false }))) return;
    setMessage(`Revoked ${k.prefix}.`);
    router.refresh();
  }

  const columns: Column<KeyView>[] = [
    { header: "Name", cell: (k) => k.name },
    { header: "Prefix", cell: (k) => <code>{k.prefix}</code> },
    { header: "Scopes", cell: (k) => k.scopes.join(", ") },
    { header: "Created", cell: (k) => formatWhen(k.createdAt) },
    { header: "Last used", cell: (k) => (k.lastUsedAt ? formatWhen(k.lastUsedAt) : "never") },
    {
      header: "Status",
      cell: (k) => (k.revokedAt ? <Badge tone="bad">revoked {formatWhen(k.revokedAt)}</Badge> : <Badge tone="ok">active</Badge>),
    },
    {
      header: <span className="ui-sr">Actions</span>,
      cell: (k) =>
        !k.revokedAt && (
          <Button variant="danger" size="sm" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.prefix}`}>
            Revoke
          </Button>
        ),
    },
  ];

  return (
    <>
      <section aria-labelledby="new-key" className="card">
        <h2 id="new-key" style={{ marginTop: 0 }}>
          Create an API key
        </h2>
        <form className="adm-form" onSubmit={create}>
          <TextField
            id="k-name"
            name="name"
            label="Name"
            className="adm-wide"
            required
            maxLength={200}
            placeholder="e.g. Retell production agent (calls from +1 415…)"
          />
          <fieldset>
            <legend>Scopes</legend>
            {scopes.map((s) => (
              <label key={s}>
                <input type="checkbox" name="scopes" value={s} defaultChecked={s === "hitl:ask"} /> {s}
                {s in SCOPE_HINTS && <span className="adm-muted"> — {SCOPE_HINTS[s as Scope]}</span>}
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <SubmitButton busy={busy} label="Create key" busyLabel="Creating…" />
          </div>
        </form>
      </section>
      <FormFeedback error={error} message={message} />
      {created && (
        <ShownOnce
          title={`New API key "${created.name}"`}
          value={created.key}
          note="Copy it now: only a hash is stored, so it cannot be shown again. Send it as Authorization: Bearer <key>."
          onDismiss={() => setCreated(null)}
        >
          <ClientConfigs baseUrl={baseUrl} apiKey={created.key} label="Client configurations for the new key" />
        </ShownOnce>
      )}
      <h2>Keys</h2>
      <DataTable label="API keys" columns={columns} rows={keys} rowKey={(k) => k.id} rowProps={(k) => ({ "data-key-prefix": k.prefix })} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke "${revoking?.name ?? ""}" (${revoking?.prefix ?? ""})?`}
        description="Clients using it stop working at once. This cannot be undone."
        confirmLabel="Revoke"
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}
