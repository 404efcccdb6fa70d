import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { getTeeSheet, type TeeSheet } from "@/lib/domains/golf/get-tee-sheet";
import { addDays, spokenDate } from "@/lib/domains/golf/time";
import { isAppError } from "@/lib/platform/errors";
import { CourseForm } from "@/components/admin/golf/course-form";
import { CancelReservationButton } from "@/components/admin/golf/cancel-reservation-button";
import { DataTable, type Column } from "@/components/ui/table";

export const metadata = { title: "Tee sheet · Golf · Admin · Switchboard" };

const COLUMNS: Column<Awaited<ReturnType<typeof getTeeSheet>>["teeTimes"][number]>[] = [
  { header: "Time", cell: (t) => t.time },
  {
    header: "Booked",
    cell: (t) => (
      <span className={`adm-badge ${t.openSpots === 0 ? "bad" : t.booked ? "warn" : "ok"}`}>
        {t.booked}/{t.capacity}
      </span>
    ),
  },
  {
    header: "Who",
    cell: (t) =>
      t.bookings.length ? (
        <ul style={{ margin: 0, paddingLeft: "1rem" }}>
          {t.bookings.map((b) => (
            <li key={b.id} data-status={b.status} style={b.status === "cancelled" ? { textDecoration: "line-through" } : undefined}>
              {b.name} × {b.players} · {b.confirmationCode} {b.phone ?? b.email ?? ""}{" "}
              {b.status === "cancelled" ? "(cancelled)" : <CancelReservationButton id={b.id} label={b.confirmationCode} />}
            </li>
          ))}
        </ul>
      ) : (
        <span className="adm-muted">open</span>
      ),
  },
];

// /admin/golf/courses/{id}?date=YYYY-MM-DD — a day's tee sheet (who booked what) and the course's settings
export default async function CoursePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ date?: string }>;
}) {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const { id } = await params;
  const { date } = await searchParams;
  let sheet: TeeSheet;
  try {
    sheet = await getTeeSheet(deps, me, id, date ? { date } : {});
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    return (
      <>
        <h1>Tee sheet</h1>
        <p role="alert" className="error">
          {e.message}
        </p>
        <Link href="/admin/golf">← Golf</Link>
      </>
    );
  }
  const { course } = sheet;
  return (
    <>
      <p>
        <Link href="/admin/golf">← Golf</Link>
      </p>
      <h1>{course.name}</h1>
      <form method="get" className="adm-form" aria-label="Choose a day">
        <div>
          <label htmlFor="sheet-date">Day ({course.timezone})</label>
          <input id="sheet-date" name="date" type="date" defaultValue={sheet.date} />
        </div>
        <div className="actions">
          <button type="submit">Show</button> <Link href={`?date=${addDays(sheet.date, -1)}`}>← Previous day</Link> ·{" "}
          <Link href={`?date=${addDays(sheet.date, 1)}`}>Next day →</Link>
        </div>
      </form>
      <h2>Tee sheet — {spokenDate(sheet.date)}</h2>
      <div className="adm-scroll">
        <DataTable
          bare
          className="adm-table"
          data-testid="tee-sheet"
          columns={COLUMNS}
          rows={sheet.teeTimes}
          rowKey={(t) => t.id}
          rowProps={(t) => ({ "data-time": t.time })}
        />
      </div>
      <h2>Course settings</h2>
      <CourseForm course={course} />
    </>
  );
}
