"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText, formatWhen, sendJson } from "@/components/admin/format";
import { ShownOnce } from "@/components/admin/shown-once";
import { FormFeedback, SubmitButton } from "@/components/admin/form-feedback";

export type MemberView = { id: string; email: string; name: string; role: "operator" | "admin"; active: boolean; createdAt: string; lastLoginAt: string | null };

export function MembersPanel({ members, meId }: { members: MemberView[]; meId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [message, setMessage] = useState<string>("");

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    setBusy(true);
    setError(null);
    const res = await sendJson("/api/members", "POST", { email: f.get("email"), name: f.get("name"), role: f.get("role"), password: f.get("password") || undefined }).catch(() => null);
    setBusy(false);
    if (!res) return setError("Could not reach the server.");
    if (!res.ok) return setError(await errorText(res));
    const body = (await res.json()) as { member: MemberView; generatedPassword?: string };
    formEl.reset();
    setMessage(`Added ${body.member.email}.`);
    if (body.generatedPassword) setCreated({ email: body.member.email, password: body.generatedPassword });
    router.refresh();
  }

  async function setActive(m: MemberView, active: boolean) {
    if (!active && !window.confirm(`Deactivate ${m.email}? Their sessions end now and they can no longer sign in.`)) return;
    setError(null);
    const res = await sendJson(`/api/members/${m.id}`, "PATCH", { active }).catch(() => null);
    if (!res) return setError("Could not reach the server.");
    if (!res.ok) return setError(await errorText(res));
    setMessage(`${m.email} ${active ? "reactivated" : "deactivated"}.`);
    router.refresh();
  }

  return (
    <>
      <section aria-labelledby="add-member" className="card">
        <h2 id="add-member" style={{ marginTop: 0 }}>
          Add a member
        </h2>
        <form className="adm-form" onSubmit={add}>
          <div>
            <label htmlFor="m-email">Email</label>
            <input id="m-email" name="email" type="email" required autoComplete="off" />
          </div>
          <div>
            <label htmlFor="m-name">Name</label>
            <input id="m-name" name="name" autoComplete="off" />
          </div>
          <div>
            <label htmlFor="m-role">Role</label>
            <select id="m-role" name="role" defaultValue="operator">
              <option value="operator">Operator</option>
              <option value="admin">Admin</option>
            </select>
          </div>
          <div>
            <label htmlFor="m-password">Initial password</label>
            <input id="m-password" name="password" type="password" autoComplete="new-password" minLength={8} aria-describedby="m-password-hint" />
          </div>
          <p id="m-password-hint" className="adm-muted" style={{ gridColumn: "1 / -1", margin: "0.25rem 0 0" }}>
            Leave the password empty to generate one; it is shown once.
          </p>
          <div className="actions">
            <SubmitButton busy={busy} label="Add member" busyLabel="Adding…" />
          </div>
        </form>
      </section>
      <FormFeedback error={error} message={message} />
      {created && (
        <ShownOnce
          title={`Initial password for ${created.email}`}
          value={created.password}
          note="Give it to them privately. It is not stored in readable form and will not be shown again."
          onDismiss={() => setCreated(null)}
        />
      )}
      <h2>Members</h2>
      <div className="adm-scroll">
        <table className="adm-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="adm-muted">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-member-email={m.email}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>{m.role}</td>
                <td>
                  <span className={`adm-badge ${m.active ? "ok" : "muted"}`}>{m.active ? "active" : "deactivated"}</span>
                </td>
                <td>{formatWhen(m.lastLoginAt)}</td>
                <td>
                  {m.id === meId ? (
                    <span className="adm-muted">you</span>
                  ) : m.active ? (
                    <button type="button" className="adm-btn-danger" onClick={() => setActive(m, false)} aria-label={`Deactivate ${m.email}`}>
                      Deactivate
                    </button>
                  ) : (
                    <button type="button" className="adm-btn-secondary" onClick={() => setActive(m, true)} aria-label={`Reactivate ${m.email}`}>
                      Reactivate
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
