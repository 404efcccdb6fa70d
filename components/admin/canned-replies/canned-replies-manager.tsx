"use client";

import { useCallback, useEffect, useState } from "react";
import { consoleApi } from "@/components/console/api-client";
import { CannedReplyForm } from "@/components/admin/canned-replies/canned-reply-form";
import type { CannedReply } from "@/components/console/types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Table, TableHead } from "@/components/ui/table";

const errorText = (e: unknown) => (e as Error).message;

/** List, add, edit and delete the team's canned replies. */
export function CannedRepliesManager() {
  const [rows, setRows] = useState<CannedReply[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [deleting, setDeleting] = useState<CannedReply | null>(null);

  const load = useCallback(() => consoleApi.cannedReplies().then(setRows, (e) => setStatus(errorText(e))), []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (v: { shortcut: string; title: string; body: string }) => {
    try {
      const r = await consoleApi.createCannedReply(v);
      setStatus(`Added /${r.shortcut}.`);
      await load();
      return null;
    } catch (e) {
      return errorText(e);
    }
  };
  const update = (id: string) => async (v: { shortcut: string; title: string; body: string }) => {
    try {
      await consoleApi.updateCannedReply(id, v);
      setEditing(null);
      setStatus(`Saved /${v.shortcut}.`);
      await load();
      return null;
    } catch (e) {
      return errorText(e);
    }
  };
  const remove = async (r: CannedReply) => {
    setDeleting(null);
    try {
      await consoleApi.deleteCannedReply(r.id);
      setStatus(`Deleted /${r.shortcut}.`);
      await load();
    } catch (e) {
      setStatus(errorText(e));
    }
  };

  return (
    <div className="ui-stack">
      <p className="ui-hint">
        Operators type <code>/shortcut</code> in the answer box, then a space or Tab, to insert the reply.
      </p>
      <p role="status" className="ui-hint">
        {status}
      </p>
      <h2>Add a reply</h2>
      <CannedReplyForm submitLabel="Add reply" onSubmit={create} />
      <h2>Your team&apos;s replies</h2>
      {rows === null ? (
        <p className="ui-hint">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="ui-hint">No canned replies yet.</p>
      ) : (
        <Table label="Canned replies">
          <TableHead
            columns={[
              "Shortcut",
              "Reply",
              <span key="actions" className="ui-sr">
                Actions
              </span>,
            ]}
          />
          <tbody>
            {rows.map((r) =>
              editing === r.id ? (
                <tr key={r.id}>
                  <td colSpan={3}>
                    <CannedReplyForm initial={r} submitLabel="Save" onSubmit={update(r.id)} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={r.id} data-shortcut={r.shortcut}>
                  <td>
                    <code>/{r.shortcut}</code>
                    {r.title && <div className="ui-hint">{r.title}</div>}
                  </td>
                  <td className="ui-pre">{r.body}</td>
                  <td>
                    <div className="ui-actions">
                      <Button variant="secondary" size="sm" onClick={() => setEditing(r.id)} aria-label={`Edit /${r.shortcut}`}>
                        Edit
                      </Button>
                      <Button variant="danger" size="sm" onClick={() => setDeleting(r)} aria-label={`Delete /${r.shortcut}`}>
                        Delete
                      </Button>
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete /${deleting?.shortcut ?? ""}?`}
        description="Operators can no longer insert it. This cannot be undone."
        confirmLabel="Delete"
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
