"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/format";
import { useRequest } from "@/components/admin/use-request";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { PublicMemoryEntry } from "@/lib/domains/memory/schemas";

/** One saved answer's actions in Admin → Answers: approve for automatic use, edit, expire, delete. */
export function AnswerRowActions({ entry }: { entry: PublicMemoryEntry }) {
  const router = useRouter();
  const req = useRequest();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [v, setV] = useState({ question: entry.question, answer: entry.answer, tags: entry.tags.join(", ") });
  const url = `/api/memory/${entry.id}`;
  const expired = entry.validUntil !== null && Date.parse(entry.validUntil) <= Date.now();

  const patch = async (body: Record<string, unknown>) => {
    const ok = await req.send(() => sendJson(url, "PATCH", body), { busy: false });
    if (ok) router.refresh();
    return !!ok;
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    const tags = v.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    if (await patch({ question: v.question, answer: v.answer, tags })) setEditing(false);
  }

  return (
    <div className="ui-actions" style={{ flexWrap: "wrap" }}>
      <Button
        size="sm"
        variant={entry.approvedForAuto ? "secondary" : "primary"}
        onClick={() => void patch({ approvedForAuto: !entry.approvedForAuto })}
      >
        {entry.approvedForAuto ? "Withdraw approval" : "Approve for automatic use"}
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
        Edit
      </Button>
      {!expired && (
        <Button size="sm" variant="secondary" onClick={() => void patch({ validUntil: new Date().toISOString() })}>
          Expire now
        </Button>
      )}
      <Button size="sm" variant="danger" onClick={() => setDeleting(true)}>
        Delete
      </Button>
      {req.error && (
        <p role="alert" className="error">
          {req.error}
        </p>
      )}
      <Dialog open={editing} onOpenChange={setEditing} title="Edit saved answer">
        <form className="ui-form" onSubmit={save}>
          <TextField
            id={`q-${entry.id}`}
            label="Question"
            value={v.question}
            onChange={(e) => setV({ ...v, question: e.target.value })}
            required
          />
          <TextAreaField
            id={`a-${entry.id}`}
            label="Answer"
            value={v.answer}
            onChange={(e) => setV({ ...v, answer: e.target.value })}
            required
            rows={4}
          />
          <TextField
            id={`t-${entry.id}`}
            label="Tags (comma-separated)"
            value={v.tags}
            onChange={(e) => setV({ ...v, tags: e.target.value })}
          />
          <div className="ui-actions">
            <Button type="submit">Save</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </Dialog>
      <ConfirmDialog
        open={deleting}
        title="Delete this saved answer?"
        description={entry.question}
        confirmLabel="Delete"
        onCancel={() => setDeleting(false)}
        onConfirm={async () => {
          setDeleting(false);
          if (await req.send(() => sendJson(url, "DELETE"), { busy: false })) router.refresh();
        }}
      />
    </div>
  );
}
