import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { listDeadLetters } from "@/lib/domains/calls/dead-letters";
import { decodeCursor } from "@/lib/platform/validation/cursor";
import { RetryDeadLetterButton } from "@/components/admin/retry-dead-letter-button";
import { formatWhen } from "@/components/admin/format";
import { DataTable, type Column } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

export const metadata = { title: "Dead letters · Admin · Switchboard" };

const STATUSES = ["open", "retried", "resolved"] as const;
type DeadLetter = Awaited<ReturnType<typeof listDeadLetters>>["items"][number];

const COLUMNS: Column<DeadLetter>[] = [
  { header: "Since", cell: (d) => formatWhen(d.createdAt) },
  { header: "Kind", cell: (d) => d.kind },
  { header: "About", cell: (d) => (d.kind === "call_sync" ? <Link href={`/admin/calls/${d.ref}`}>call {d.ref.slice(0, 8)}</Link> : d.ref) },
  { header: "Attempts", cell: (d) => d.attempts },
  { header: "Last error", cell: (d) => d.lastError ?? "—", td: { style: { overflowWrap: "anywhere" } } },
  {
    header: "Status",
    cell: (d) => <Badge tone={d.status === "open" ? "bad" : d.status === "resolved" ? "ok" : "neutral"}>{d.status}</Badge>,
  },
  { header: <span className="adm-muted">Actions</span>, cell: (d) => d.status === "open" && <RetryDeadLetterButton id={d.id} /> },
];

type Props = { searchParams: Promise<{ status?: string; cursor?: string }> };

export default async function DeadLettersPage({ searchParams }: Props) {
  const me = await requireAdminPage();
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  // A hand-edited cursor that is not one of ours shows the first page rather than an error.
  const cursor = typeof sp.cursor === "string" && decodeCursor(sp.cursor) ? sp.cursor : undefined;
  const page = await listDeadLetters(await getDeps(), me, { status, cursor, limit: 50 });
  const link = (q: Record<string, string | undefined>) => {
    const s = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();
    return `/admin/dead-letters${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <h1>Dead letters</h1>
      <p className="adm-muted">
        Calls whose status the sync job could not fetch after repeated tries. Retry syncs the call once now; if the provider still fails it
        goes back to the job.
      </p>
      <nav aria-label="Filter by status" style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}>
        <Link href={link({})} aria-current={!status ? "page" : undefined}>
          All
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} href={link({ status: s })} aria-current={status === s ? "page" : undefined}>
            {s}
          </Link>
        ))}
      </nav>
      {page.items.length === 0 ? (
        <p className="adm-muted">Nothing here{status ? ` with status ${status}` : ""}. Good.</p>
      ) : (
        <div className="adm-scroll" style={{ marginTop: "0.75rem" }}>
          <DataTable data-testid="dead-letters-table" columns={COLUMNS} rows={page.items} rowKey={(d) => d.id} />
        </div>
      )}
      {page.nextCursor && (
        <p>
          <Link href={link({ status, cursor: page.nextCursor })}>Older →</Link>
        </p>
      )}
    </>
  );
}
