"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatWhen, sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { ShownOnce } from "@/components/admin/shown-once";
import { FormFeedback, SubmitButton } from "@/components/admin/form-feedback";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { DataTable, type Column } from "@/components/ui/table";
import { channelsSummary, MemberChannelsForm, type MemberChannels } from "@/components/admin/member-channels-form";

export type MemberView = {
  id: string;
  email: string;
  name: string;
  role: "operator" | "admin";
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
} & Omit<MemberChannels, "id" | "email">;

export function MembersPanel({ members, meId }: { members: MemberView[]; meId: string }) {
  const router = useRouter();
  const { busy, error, send } = useRequest();
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [message, setMessage] = useState<string>("");
  const [confirming, setConfirming] = useState<MemberView | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const editingMember = members.find((m) => m.id === editing);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    const res = await send(() =>
      sendJson("/api/members", "POST", {
        email: f.get("email"),
        name: f.get("name"),
        role: f.get("role"),
        password: f.get("password") || undefined,
      }),
    );
    if (!res) return;
    const body = (await res.json()) as { member: MemberView; generatedPassword?: string };
    formEl.reset();
    setMessage(`Added ${body.member.email}.`);
    if (body.generatedPassword) setCreated({ email: body.member.email, password: body.generatedPassword });
    router.refresh();
  }

  async function setActive(m: MemberView, active: boolean) {
    setConfirming(null);
    if (!(await send(() => sendJson(`/api/members/${m.id}`, "PATCH", { active }), { busy: false }))) return;
    setMessage(`${m.email} ${active ? "reactivated" : "deactivated"}.`);
    router.refresh();
  }

  const columns: Column<MemberView>[] = [
    { header: "Name", cell: (m) => m.name },
    { header: "Email", cell: (m) => m.email },
    { header: "Role", cell: (m) => m.role },
    { header: "Status", cell: (m) => <Badge tone={m.active ? "ok" : "neutral"}>{m.active ? "active" : "deactivated"}</Badge> },
    { header: "Last sign-in", cell: (m) => formatWhen(m.lastLoginAt) },
    {
      header: "On call",
      cell: (m) => (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setEditing(m.id)}
          aria-label={`${channelsSummary(m)}: on-call hours and channels of ${m.email}`}
        >
          {channelsSummary(m)}
        </Button>
      ),
    },
    {
      header: <span className="ui-sr">Actions</span>,
      cell: (m) =>
        m.id === meId ? (
          <span className="adm-muted">you</span>
        ) : m.active ? (
          <Button variant="danger" size="sm" onClick={() => setConfirming(m)} aria-label={`Deactivate ${m.email}`}>
            Deactivate
          </Button>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setActive(m, true)} aria-label={`Reactivate ${m.email}`}>
            Reactivate
          </Button>
        ),
    },
  ];

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
            <TextField
              id="m-password"
              name="password"
              type="password"
              label="Initial password"
              autoComplete="new-password"
              minLength={8}
              hint="Leave empty to generate one; it is shown once."
            />
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
      <DataTable
        label="Members"
        columns={columns}
        rows={members}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ "data-member-email": m.email })}
      />
      {editingMember && <MemberChannelsForm key={editingMember.id} member={editingMember} onDone={() => setEditing(null)} />}
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
