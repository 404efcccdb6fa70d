import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { listMemoryEntries } from "@/lib/domains/memory/entries";
import { getMemorySettings } from "@/lib/domains/memory/settings";
import { getMemoryStats } from "@/lib/domains/memory/stats";
import { describeMatcher } from "@/lib/domains/memory/search";
import { toPublicMemoryEntry } from "@/lib/domains/memory/present";
import type { PublicMemoryEntry } from "@/lib/domains/memory/schemas";
import { AnswerRowActions } from "@/components/admin/answers/answer-row-actions";
import { MemorySettingsForm } from "@/components/admin/answers/memory-settings-form";
import { MemoryStats } from "@/components/admin/answers/memory-stats";
import { formatWhen } from "@/components/admin/format";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Answers · Admin · Switchboard" };

const isExpired = (e: PublicMemoryEntry) => e.validUntil !== null && Date.parse(e.validUntil) <= Date.now();

const COLUMNS: Column<PublicMemoryEntry>[] = [
  { header: "Question", cell: (e) => e.question, td: { style: { overflowWrap: "anywhere" } } },
  { header: "Answer", cell: (e) => e.answer, td: { style: { overflowWrap: "anywhere" } } },
  { header: "Given by", cell: (e) => `${e.answeredBy.name || "—"}, ${formatWhen(e.answeredAt)}` },
  {
    header: "Status",
    cell: (e) =>
      isExpired(e) ? (
        <Badge tone="neutral">expired</Badge>
      ) : e.approvedForAuto ? (
        <Badge tone="ok">automatic</Badge>
      ) : (
        <Badge tone="neutral">suggest only</Badge>
      ),
  },
  { header: "Valid until", cell: (e) => formatWhen(e.validUntil) },
  {
    header: "Suggested · reused · automatic",
    cell: (e) => <span data-testid="answer-counts">{`${e.counts.suggested} · ${e.counts.reused} · ${e.counts.autoUsed}`}</span>,
  },
  { header: <span className="adm-muted">Actions</span>, cell: (e) => <AnswerRowActions entry={e} /> },
];

type Props = { searchParams: Promise<{ q?: string }> };

// /admin/answers — answer memory: saved answers (search, edit, expire, delete, approve), settings and what they saved
export default async function AnswersPage({ searchParams }: Props) {
  const me = await requireAdminPage();
  const q = typeof (await searchParams).q === "string" ? (await searchParams).q!.slice(0, 200) : "";
  const deps = await getDeps();
  const [entries, settings, stats] = await Promise.all([
    listMemoryEntries(deps, me.accountId, { q, limit: 200 }),
    getMemorySettings(deps, me.accountId),
    getMemoryStats(deps, me.accountId),
  ]);
  const matching = describeMatcher(deps);
  return (
    <>
      <h1>Answers</h1>
      <p className="adm-muted">
        Answers operators saved for reuse. Each is suggested to operators when a similar question comes in; once you approve it, it also
        answers callers at once without a person. Import an FAQ with <code>POST /api/memory/import</code> or{" "}
        <code>npx switchboard memory import faq.csv</code>.
      </p>
      <p className="adm-muted" data-testid="memory-matcher">
        {matching.matcher === "embeddings"
          ? `Matching: embeddings (${matching.model}) with the lexical matcher as fallback${matching.endpoint === "down" ? " — the embeddings endpoint is unreachable, searches answer lexically for now" : ""}.`
          : "Matching: lexical (full-text search and trigram similarity). Embeddings are an instance setting: MEMORY_EMBEDDINGS_URL."}
      </p>
      <MemorySettingsForm initial={settings} />
      <MemoryStats days={stats.days} avoided={stats.avoided} />
      <h2>Saved answers</h2>
      <search>
        <form method="get" className="ui-actions" style={{ margin: "0.5rem 0" }}>
          <label htmlFor="answers-q" className="ui-sr">
            Search saved answers
          </label>
          <input id="answers-q" name="q" className="ui-input" defaultValue={q} placeholder="Search questions and answers" />
          <button type="submit" className="ui-btn ui-btn-secondary">
            Search
          </button>
        </form>
      </search>
      {entries.length === 0 ? (
        <p className="adm-muted">{q ? `No saved answer mentions “${q}”.` : "No saved answers yet."}</p>
      ) : (
        <div className="adm-scroll">
          <DataTable
            data-testid="answers-table"
            columns={COLUMNS}
            rows={entries.map(toPublicMemoryEntry)}
            rowKey={(e) => e.id}
            rowProps={(e) => ({ "data-answer-id": e.id })}
          />
        </div>
      )}
    </>
  );
}
