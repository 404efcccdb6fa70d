"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorText, formatWhen, sendJson } from "@/components/admin/format";
import { FormFeedback } from "@/components/admin/form-feedback";

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
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");

  async function revoke(a: ConnectedAppView) {
    const label = a.client.name ?? a.client.id;
    if (!window.confirm(`Disconnect ${label} for ${a.member.email}? It stops working at once.`)) return;
    setError(null);
    const res = await sendJson(`/api/oauth/grants/${a.id}`, "DELETE").catch(() => null);
    if (!res) return setError("Could not reach the server.");
    if (!res.ok) return setError(await errorText(res));
    setMessage(`Disconnected ${label} for ${a.member.email}.`);
    router.refresh();
  }

  const byMember = new Map<string, ConnectedAppView[]>();
  for (const a of apps) byMember.set(a.member.email, [...(byMember.get(a.member.email) ?? []), a]);

  return (
    <>
      <FormFeedback error={error} message={message} />
      {apps.length === 0 && <p>No member has connected an app yet.</p>}
      {[...byMember].map(([email, list]) => (
        <section key={email} aria-label={`Apps connected by ${email}`}>
          <h2>
            {list[0]!.member.name || email} <span className="adm-muted">({email}, {list[0]!.member.role})</span>
          </h2>
          <div className="adm-scroll">
            <table className="adm-table">
              <thead>
                <tr>
                  <th scope="col">App</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Connected</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="adm-muted">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id} data-grant-id={a.id}>
                    <td>
                      {a.client.name ?? <span className="adm-muted">unnamed</span>}
                      <br />
                      <code className="adm-muted">{a.client.id}</code>
                    </td>
                    <td>{a.scopes.join(", ")}</td>
                    <td>{formatWhen(a.createdAt)}</td>
                    <td>{a.lastUsedAt ? formatWhen(a.lastUsedAt) : "never"}</td>
                    <td>
                      <button type="button" className="adm-btn-danger" onClick={() => revoke(a)} aria-label={`Revoke ${a.client.name ?? a.client.id} for ${email}`}>
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
