import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { isAppError } from "@/lib/platform/errors";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { filterQuery, readCallsFilter, toListInput } from "@/lib/domains/calls/calls-filter";
import { listCalls, type CallPage } from "@/lib/domains/calls/list-calls";
import { CALL_STATUSES } from "@/lib/adapters/telephony/port";
import { CallStatusBadge } from "@/components/admin/call-status-badge";
import { formatWhen } from "@/components/admin/format";
import { DataTable, type Column } from "@/components/ui/table";
import { ErrorAlert } from "@/components/admin/form-feedback";

export const metadata = { title: "Calls · Admin · Switchboard" };

type Call = CallPage["calls"][number];

const COLUMNS: Column<Call>[] = [
  { header: "Placed", cell: (c) => <Link href={`/admin/calls/${c.id}`}>{formatWhen(c.createdAt)}</Link> },
  { header: "Number", cell: (c) => c.phoneNumber },
  { header: "Status", cell: (c) => <CallStatusBadge status={c.status} /> },
  { header: "Task", cell: (c) => (c.task.length > 80 ? `${c.task.slice(0, 80)}…` : c.task) },
  { header: "Duration", cell: (c) => (c.durationSeconds === null ? "—" : `${c.durationSeconds} s`) },
  { header: "Cost", cell: (c) => (c.cost === null ? (c.heldCredits ? `${c.heldCredits} held` : "—") : `${c.cost} credits`) },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CallsPage({ searchParams }: Props) {
  const me = await requireAdminPage();
  const f = readCallsFilter(await searchParams);
  let page: CallPage = { calls: [], nextCursor: null };
  let error: string | null = null;
  try {
    page = await listCalls(await getDeps(), me, toListInput(f));
  } catch (e) {
    if (!isAppError(e)) throw e;
    error = e.message;
  }
  return (
    <>
      <h1>Calls</h1>
      <form method="get" className="adm-form card" aria-label="Filter calls">
        <div>
          <label htmlFor="f-status">Status</label>
          <select id="f-status" name="status" defaultValue={f.status}>
            <option value="">Any</option>
            {CALL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from">From (day, UTC)</label>
          <input id="f-from" name="from" type="date" defaultValue={f.from} />
        </div>
        <div>
          <label htmlFor="f-to">To (day, inclusive)</label>
          <input id="f-to" name="to" type="date" defaultValue={f.to} />
        </div>
        <div>
          <label htmlFor="f-number">Number (E.164)</label>
          <input id="f-number" name="number" type="tel" placeholder="+14155550123" defaultValue={f.number} />
        </div>
        <div className="actions">
          <button type="submit">Filter</button> <Link href="/admin/calls">Clear</Link>
        </div>
      </form>
      <ErrorAlert error={error} />
      <h2>{f.cursor ? "Older calls" : "Most recent calls"}</h2>
      {page.calls.length === 0 ? (
        <p className="adm-muted">No calls match.</p>
      ) : (
        <div className="adm-scroll">
          <DataTable
            data-testid="calls-table"
            columns={COLUMNS}
            rows={page.calls}
            rowKey={(c) => c.id}
            rowProps={(c) => ({ "data-call-id": c.id })}
          />
        </div>
      )}
      <nav aria-label="Pages" style={{ marginTop: "0.75rem", display: "flex", gap: "1rem" }}>
        {f.cursor && <Link href={`/admin/calls${filterQuery(f)}`}>← Newest</Link>}
        {page.nextCursor && <Link href={`/admin/calls${filterQuery(f, page.nextCursor)}`}>Older calls →</Link>}
      </nav>
    </>
  );
}
