import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { listCourses } from "@/lib/domains/golf/courses";
import { getGolfSettings } from "@/lib/domains/golf/settings";
import { CourseForm } from "@/components/admin/golf/course-form";
import { GolfSettingsForm } from "@/components/admin/golf/golf-settings-form";
import { DataTable, type Column } from "@/components/ui/table";

export const metadata = { title: "Golf · Admin · Switchboard" };

const COLUMNS: Column<Awaited<ReturnType<typeof listCourses>>[number]>[] = [
  { header: "Course", cell: (c) => <Link href={`/admin/golf/courses/${c.id}`}>{c.name}</Link> },
  {
    header: "Tee times",
    cell: (c) => (
      <>
        {c.firstTeeTime}–{c.lastTeeTime}, every {c.intervalMinutes} min
      </>
    ),
  },
  { header: "Players per tee time", cell: (c) => c.capacity },
  { header: "Holes", cell: (c) => c.holes },
  {
    header: "Price",
    cell: (c) => (
      <>
        {c.price.toFixed(2)} {c.currency}
      </>
    ),
  },
  { header: "Timezone", cell: (c) => c.timezone },
  {
    header: "Status",
    cell: (c) => (c.active ? <span className="adm-badge ok">bookable</span> : <span className="adm-badge muted">closed</span>),
  },
];

// /admin/golf — courses of the embedded tee sheet (add, open one to edit it and see its tee sheet) and the booking provider
export default async function GolfPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const [courses, settings] = await Promise.all([listCourses(deps, me), getGolfSettings(deps, me)]);
  return (
    <>
      <h1>Golf</h1>
      <p className="adm-muted">
        Voice agents search and book these tee times with the <code>golf_*</code> tools.{" "}
        <Link href="/admin/golf/reservations">Reservations →</Link>
      </p>
      <h2>Courses</h2>
      <div className="adm-scroll">
        <DataTable
          bare
          className="adm-table"
          data-testid="golf-courses"
          columns={COLUMNS}
          rows={courses}
          rowKey={(c) => c.id}
          empty="No courses yet: add one below."
        />
      </div>
      <h2>Add a course</h2>
      <CourseForm defaultTimezone={Intl.DateTimeFormat().resolvedOptions().timeZone} />
      <GolfSettingsForm settings={settings} />
    </>
  );
}
