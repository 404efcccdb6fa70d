import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { golfReservations, golfTeeTimes, type GolfCourseRow, type GolfTeeTimeRow } from "@/lib/adapters/db/schema";
import { localParts, zonedInstant } from "@/lib/domains/golf/time";

/** The minutes of the day a course's schedule puts a tee time at. */
export function scheduleMinutes(course: Pick<GolfCourseRow, "firstTeeMinute" | "lastTeeMinute" | "intervalMinutes">): number[] {
  const out: number[] = [];
  for (let m = course.firstTeeMinute; m <= course.lastTeeMinute && out.length < 1440; m += course.intervalMinutes) out.push(m);
  return out;
}

/**
 * Makes sure every scheduled tee time of the course's local day has its row (each row holds its own seat
 * count, which is what bookings lock), then returns the day: scheduled times plus any other time that
 * still holds bookings (after a schedule change), in order.
 */
export async function teeSheetDay(db: Db, course: GolfCourseRow, localDate: string): Promise<GolfTeeTimeRow[]> {
  const minutes = scheduleMinutes(course);
  const starts = minutes.map((m) => zonedInstant(localDate, m, course.timezone));
  if (starts.length) {
    await db
      .insert(golfTeeTimes)
      .values(
        starts.map((startsAt) => ({
          accountId: course.accountId,
          courseId: course.id,
          startsAt,
          localDate,
          capacity: course.capacity,
          priceCents: course.priceCents,
        })),
      )
      .onConflictDoNothing({ target: [golfTeeTimes.courseId, golfTeeTimes.startsAt] });
  }
  const rows = await db
    .select()
    .from(golfTeeTimes)
    .where(and(eq(golfTeeTimes.courseId, course.id), eq(golfTeeTimes.localDate, localDate)))
    .orderBy(asc(golfTeeTimes.startsAt));
  const scheduled = new Set(starts.map((s) => s.getTime()));
  // A DST change can move a schedule minute onto another local day: keep only this day's times.
  return rows.filter(
    (r) => (scheduled.has(r.startsAt.getTime()) || r.booked > 0) && localParts(r.startsAt, course.timezone).date === localDate,
  );
}

export type SheetEntry = { teeTime: GolfTeeTimeRow; reservations: Array<typeof golfReservations.$inferSelect> };

/** The tee sheet of a day for the admin page: every tee time with who booked it. */
export async function teeSheetWithBookings(db: Db, course: GolfCourseRow, localDate: string): Promise<SheetEntry[]> {
  const day = await teeSheetDay(db, course, localDate);
  const ids = day.map((t) => t.id);
  const bookings = ids.length
    ? await db
        .select()
        .from(golfReservations)
        .where(and(eq(golfReservations.accountId, course.accountId), inArray(golfReservations.teeTimeId, ids)))
        .orderBy(asc(golfReservations.createdAt))
    : [];
  return day.map((teeTime) => ({ teeTime, reservations: bookings.filter((b) => b.teeTimeId === teeTime.id) }));
}
