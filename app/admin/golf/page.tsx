import Link from "next/link";
import { getDeps } from "@/lib/deps";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { listCourses } from "@/lib/golf/courses";
import { getGolfSettings } from "@/lib/golf/settings";
import { CourseForm } from "@/components/admin/golf/course-form";
import { GolfSettingsForm } from "@/components/admin/golf/golf-settings-form";

export const metadata = { title: "Golf · Admin · Switchboard" };

// /admin/golf — courses of the embedded tee sheet (add, open one to edit it and see its tee sheet) and the booking provider
export default async function GolfPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const [courses, settings] = await Promise.all([listCourses(deps, me), getGolfSettings(deps, me)]);
  return (
    <>
      <h1>Golf</h1>
      <p className="adm-muted">
        Voice agents search and book these tee times with the <code>golf_*</code> tools. <Link href="/admin/golf/reservations">Reservations →</Link>
      </p>
      <h2>Courses</h2>
      <div className="adm-scroll">
        <table className="adm-table" data-testid="golf-courses">
          <thead>
            <tr>
              <th scope="col">Course</th>
              <th scope="col">Tee times</th>
              <th scope="col">Players per tee time</th>
              <th scope="col">Holes</th>
              <th scope="col">Price</th>
              <th scope="col">Timezone</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {courses.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/admin/golf/courses/${c.id}`}>{c.name}</Link>
                </td>
                <td>
                  {c.firstTeeTime}–{c.lastTeeTime}, every {c.intervalMinutes} min
                </td>
                <td>{c.capacity}</td>
                <td>{c.holes}</td>
                <td>
                  {c.price.toFixed(2)} {c.currency}
                </td>
                <td>{c.timezone}</td>
                <td>{c.active ? <span className="adm-badge ok">bookable</span> : <span className="adm-badge muted">closed</span>}</td>
              </tr>
            ))}
            {!courses.length && (
              <tr>
                <td colSpan={7} className="adm-muted">
                  No courses yet: add one below.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <h2>Add a course</h2>
      <CourseForm defaultTimezone={Intl.DateTimeFormat().resolvedOptions().timeZone} />
      <GolfSettingsForm settings={settings} />
    </>
  );
}
