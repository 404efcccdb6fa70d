import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";
import { getCourseRow, toPublicCourse, type PublicCourse } from "@/lib/domains/golf/courses";
import { teeSheetWithBookings } from "@/lib/domains/golf/embedded/tee-sheet";
import { localDate } from "@/lib/domains/golf/schemas";
import { localParts, todayIn } from "@/lib/domains/golf/time";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export type TeeSheetBooking = {
  id: string;
  confirmationCode: string;
  name: string;
  players: number;
  phone: string | null;
  email: string | null;
  status: "booked" | "cancelled";
};
export type TeeSheet = {
  course: PublicCourse;
  date: string;
  teeTimes: Array<{
    id: string;
    time: string;
    startsAt: string;
    capacity: number;
    booked: number;
    openSpots: number;
    bookings: TeeSheetBooking[];
  }>;
};

const query = z.object({ date: localDate().optional() });

/** GET /api/golf/courses/{id}/tee-sheet?date= (golf:read): a day of the course, who booked what (default today at the course). */
export async function getTeeSheet(deps: Pick<Deps, "db">, principal: Principal, courseId: string, raw: unknown): Promise<TeeSheet> {
  assertScope(principal, "golf:read");
  const parsed = parseOrThrow(query, raw ?? {});
  const course = await getCourseRow(deps.db, principal.accountId, courseId);
  const date = parsed.date ?? todayIn(course.timezone);
  const sheet = await teeSheetWithBookings(deps.db, course, date);
  return {
    course: toPublicCourse(course),
    date,
    teeTimes: sheet.map(({ teeTime: t, reservations }) => ({
      id: t.id,
      time: localParts(t.startsAt, course.timezone).hhmm,
      startsAt: t.startsAt.toISOString(),
      capacity: t.capacity,
      booked: t.booked,
      openSpots: t.capacity - t.booked,
      bookings: reservations.map((r) => ({
        id: r.id,
        confirmationCode: r.confirmationCode,
        name: r.name,
        players: r.players,
        phone: r.phone,
        email: r.email,
        status: r.status,
      })),
    })),
  };
}
