"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatWhen, sendJson } from "@/components/admin/format";
import { FormFeedback } from "@/components/admin/form-feedback";
import { DataTable, type Column } from "@/components/ui/table";
import { useRequest } from "@/components/admin/use-request";

export type ConnectedAppView = {
  id: string;
  member: { email: string; name: string; role: string };
  client: { id: string; name: string | null; kind: string };
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
};

/** Apps members connected by signing in (OAuth), grouped by member, each with Revoke. */
export function ConnectedAppsPanel({ apps }: { apps: ConnectedAppView[] }) {
  const router = useRouter();
  const { error, send } = useRequest();
  const [message, setMessage] = useState("");

  async function revoke(a: ConnectedAppView) {
    const label = a.client.name ?? a.client.id;
    if (!window.confirm(`Disconnect ${label} for ${a.member.email}? It stops working at once.`)) return;
    if (!(await send(() => sendJson(`/api/oauth/grants/${a.id}`, "DELETE"), { busy: false }))) return;
    setMessage(`Disconnected ${label} for ${a.member.email}.`);
    router.refresh();
  }

  const columns: Column<ConnectedAppView>[] = [
    {
      header: "App",
      cell: (a) => (
        <>
          {a.client.name ?? <span className="adm-muted">unnamed</span>}
          <br />
          <code className="adm-muted">{a.client.id}</code>
        </>
      ),
    },
    { header: "Scopes", cell: (a) => a.scopes.join(", ") },
    { header: "Connected", cell: (a) => formatWhen(a.createdAt) },
    { header: "Last used", cell: (a) => (a.lastUsedAt ? formatWhen(a.lastUsedAt) : "never") },
    {
      header: <span className="adm-muted">Actions</span>,
      cell: (a) => (
        <button
          type="button"
          className="adm-btn-danger"
          onClick={() => revoke(a)}
          aria-label={`Revoke ${a.client.name ?? a.client.id} for ${a.member.email}`}
        >
          Revoke
        </button>
      ),
    },
  ];

  const byMember = new Map<string, ConnectedAppView[]>();
  for (const a of apps) byMember.set(a.member.email, [...(byMember.get(a.member.email) ?? []), a]);

  return (
    <>
      <FormFeedback error={error} message={message} />
      {apps.length === 0 && <p>No member has connected an app yet.</p>}
      {[...byMember].map(([email, list]) => (
        <section key={email} aria-label={`Apps connected by ${email}`}>
          <h2>
            {list[0]!.member.name || email}{" "}
            <span className="adm-muted">
              ({email}, {list[0]!.member.role})
            </span>
          </h2>
          <div className="adm-scroll">
            <DataTable
              bare
              className="adm-table"
              columns={columns}
              rows={list}
              rowKey={(a) => a.id}
              rowProps={(a) => ({ "data-grant-id": a.id })}
            />
          </div>
        </section>
      ))}
    </>
  );
}
