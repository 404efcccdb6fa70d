import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { getReservations } from "@/lib/domains/golf/get-reservations";
import { CancelReservationButton } from "@/components/admin/golf/cancel-reservation-button";
import { DataTable, type Column } from "@/components/ui/table";

export const metadata = { title: "Reservations · Golf · Admin · Switchboard" };

type Reservation = Awaited<ReturnType<typeof getReservations>>["reservations"][number];

const COLUMNS: Column<Reservation>[] = [
  {
    header: "When (course time)",
    cell: (r) => (
      <>
        {r.date} {r.time}
      </>
    ),
  },
  { header: "Course", cell: (r) => r.courseName },
  { header: "Name", cell: (r) => r.name },
  { header: "Players", cell: (r) => r.players },
  { header: "Contact", cell: (r) => r.phone ?? r.email },
  { header: "Code", cell: (r) => <code>{r.confirmationCode}</code> },
  {
    header: "Status",
    cell: (r) =>
      r.status === "booked" ? (
        <CancelReservationButton id={r.id} label={r.confirmationCode} />
      ) : (
        <span className="adm-badge muted">cancelled</span>
      ),
  },
];

// /admin/golf/reservations?show=all — upcoming booked reservations (or all, past and cancelled too), with cancel
export default async function ReservationsPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const all = (await searchParams).show === "all";
  const { reservations } = await getReservations(deps, me, all ? { status: "all", includePast: true, limit: 50 } : { limit: 50 });
  return (
    <>
      <p>
        <Link href="/admin/golf">← Golf</Link>
      </p>
      <h1>Golf reservations</h1>
      <p className="adm-muted">
        {all ? "All reservations (the 50 latest tee times)." : "Upcoming booked tee times."}{" "}
        <Link href={all ? "?" : "?show=all"}>{all ? "Show upcoming only" : "Show all, past and cancelled too"}</Link>
      </p>
      <div className="adm-scroll">
        <DataTable
          bare
          className="adm-table"
          data-testid="golf-reservations"
          columns={COLUMNS}
          rows={reservations}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ "data-code": r.confirmationCode })}
          empty="No reservations."
        />
      </div>
    </>
  );
}
