import Link from "next/link";
import { getDeps } from "@/lib/deps";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { getReservations } from "@/lib/golf/get-reservations";
import { CancelReservationButton } from "@/components/admin/golf/cancel-reservation-button";

export const metadata = { title: "Reservations · Golf · Admin · Switchboard" };

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
        {all ? "All reservations (the 50 latest tee times)." : "Upcoming booked tee times."} <Link href={all ? "?" : "?show=all"}>{all ? "Show upcoming only" : "Show all, past and cancelled too"}</Link>
      </p>
      <div className="adm-scroll">
        <table className="adm-table" data-testid="golf-reservations">
          <thead>
            <tr>
              <th scope="col">When (course time)</th>
              <th scope="col">Course</th>
              <th scope="col">Name</th>
              <th scope="col">Players</th>
              <th scope="col">Contact</th>
              <th scope="col">Code</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {reservations.map((r) => (
              <tr key={r.id} data-code={r.confirmationCode}>
                <td>
                  {r.date} {r.time}
                </td>
                <td>{r.courseName}</td>
                <td>{r.name}</td>
                <td>{r.players}</td>
                <td>{r.phone ?? r.email}</td>
                <td>
                  <code>{r.confirmationCode}</code>
                </td>
                <td>{r.status === "booked" ? <CancelReservationButton id={r.id} label={r.confirmationCode} /> : <span className="adm-badge muted">cancelled</span>}</td>
              </tr>
            ))}
            {!reservations.length && (
              <tr>
                <td colSpan={7} className="adm-muted">
                  No reservations.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
