"use client";

import { useEffect, useState } from "react";
import { consoleApi } from "@/components/console/api-client";
import { CannedReplyForm } from "@/components/admin/canned-replies/canned-reply-form";
import type { CannedReply } from "@/components/console/types";

const errorText = (e: unknown) => (e as Error).message;

/** List, add, edit and delete the team's canned replies. */
export function CannedRepliesManager() {
  const [rows, setRows] = useState<CannedReply[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const load = () => consoleApi.cannedReplies().then(setRows, (e) => setStatus(errorText(e)));
  useEffect(() => {
    void load();
  }, []);

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
    if (!window.confirm(`Delete /${r.shortcut}?`)) return;
    try {
      await consoleApi.deleteCannedReply(r.id);
      setStatus(`Deleted /${r.shortcut}.`);
      await load();
    } catch (e) {
      setStatus(errorText(e));
    }
  };

  return (
    <>
      <p className="cx-muted">Operators type <code>/shortcut</code> in the answer box, then a space or Tab, to insert the reply.</p>
      <p role="status" className="cx-muted">
        {status}
      </p>
      <h2 className="cx-pane-title">Add a reply</h2>
      <CannedReplyForm submitLabel="Add reply" onSubmit={create} />
      <h2 className="cx-pane-title">Your team&apos;s replies</h2>
      {rows === null ? (
        <p className="cx-muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="cx-muted">No canned replies yet.</p>
      ) : (
        <table className="cx-table">
          <thead>
            <tr>
              <th scope="col">Shortcut</th>
              <th scope="col">Reply</th>
              <th scope="col">
                <span className="cx-sr">Actions</span>
              </th>
            </tr>
          </thead>
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
                    {r.title && <div className="cx-muted">{r.title}</div>}
                  </td>
                  <td>{r.body}</td>
                  <td>
                    <div className="cx-actions">
                    <button type="button" className="cx-secondary" onClick={() => setEditing(r.id)} aria-label={`Edit /${r.shortcut}`}>
                      Edit
                    </button>
                    <button type="button" className="cx-secondary" onClick={() => void remove(r)} aria-label={`Delete /${r.shortcut}`}>
                      Delete
                    </button>
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
