import Link from "next/link";
import { getDeps } from "@/lib/deps";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { listDeadLetters } from "@/lib/calls/dead-letters";
import { decodeCursor } from "@/lib/validation/cursor";
import { RetryDeadLetterButton } from "@/components/admin/retry-dead-letter-button";
import { formatWhen } from "@/components/admin/format";
import { Table } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

export const metadata = { title: "Dead letters · Admin · Switchboard" };

const STATUSES = ["open", "retried", "resolved"] as const;
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
        Calls whose status the sync job could not fetch after repeated tries. Retry syncs the call once now; if the provider still fails it goes back to the job.
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
          <Table data-testid="dead-letters-table">
            <thead>
              <tr>
                <th scope="col">Since</th>
                <th scope="col">Kind</th>
                <th scope="col">About</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="adm-muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((d) => (
                <tr key={d.id}>
                  <td>{formatWhen(d.createdAt)}</td>
                  <td>{d.kind}</td>
                  <td>{d.kind === "call_sync" ? <Link href={`/admin/calls/${d.ref}`}>call {d.ref.slice(0, 8)}</Link> : d.ref}</td>
                  <td>{d.attempts}</td>
                  <td style={{ overflowWrap: "anywhere" }}>{d.lastError ?? "—"}</td>
                  <td>
                    <Badge tone={d.status === "open" ? "bad" : d.status === "resolved" ? "ok" : "neutral"}>{d.status}</Badge>
                  </td>
                  <td>{d.status === "open" && <RetryDeadLetterButton id={d.id} />}</td>
                </tr>
              ))}
            </tbody>
          </Table>
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
