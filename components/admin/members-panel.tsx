"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText, formatWhen, sendJson } from "@/components/admin/format";
import { ShownOnce } from "@/components/admin/shown-once";
import { FormFeedback, SubmitButton } from "@/components/admin/form-feedback";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Table } from "@/components/ui/table";

export type MemberView = { id: string; email: string; name: string; role: "operator" | "admin"; active: boolean; createdAt: string; lastLoginAt: string | null };

export function MembersPanel({ members, meId }: { members: MemberView[]; meId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [message, setMessage] = useState<string>("");
  const [confirming, setConfirming] = useState<MemberView | null>(null);

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
    setConfirming(null);
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
        <form className="ui-stack" onSubmit={add}>
          <div className="ui-form-row">
            <TextField id="m-email" name="email" type="email" label="Email" required autoComplete="off" />
            <TextField id="m-name" name="name" label="Name" autoComplete="off" />
            <SelectField id="m-role" name="role" label="Role" defaultValue="operator">
              <option value="operator">Operator</option>
              <option value="admin">Admin</option>
            </SelectField>
            <TextField id="m-password" name="password" type="password" label="Initial password" autoComplete="new-password" minLength={8} hint="Leave empty to generate one; it is shown once." />
          </div>
          <div>
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
      <Table label="Members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span className="ui-sr">Actions</span>
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
                <Badge tone={m.active ? "ok" : "neutral"}>{m.active ? "active" : "deactivated"}</Badge>
              </td>
              <td>{formatWhen(m.lastLoginAt)}</td>
              <td>
                {m.id === meId ? (
                  <span className="adm-muted">you</span>
                ) : m.active ? (
                  <Button variant="danger" size="sm" onClick={() => setConfirming(m)} aria-label={`Deactivate ${m.email}`}>
                    Deactivate
                  </Button>
                ) : (
                  <Button variant="secondary" size="sm" onClick={() => setActive(m, true)} aria-label={`Reactivate ${m.email}`}>
                    Reactivate
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={confirming !== null}
        title={`Deactivate ${confirming?.email ?? ""}?`}
        description="Their sessions end now and they can no longer sign in. You can reactivate them later."
        confirmLabel="Deactivate"
        onConfirm={() => confirming && void setActive(confirming, false)}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}
