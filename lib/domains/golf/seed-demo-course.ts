import type { Db } from "@/lib/adapters/db/client";
import { insertCourse } from "@/lib/domains/golf/courses";
import { teeSheetDay } from "@/lib/domains/golf/embedded/tee-sheet";
import { addDays, isValidTimezone, todayIn } from "@/lib/domains/golf/time";

export const DEMO_COURSE_NAME = "Switchboard Demo Links";
const DEMO_DAYS = 7;

/**
 * The demo account's course, so the golf tools answer at once after `npm run dev`: 18 holes, a tee time
 * every 10 minutes from 07:00 to 17:00 in the server's timezone, 4 players each, and the tee sheets of
 * today and the next days laid out.
 */
export async function seedDemoCourse(db: Db, accountId: string, now = new Date()): Promise<void> {
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timezone = local && isValidTimezone(local) ? local : "UTC";
  const course = await insertCourse(db, accountId, {
    name: DEMO_COURSE_NAME,
    timezone,
    firstTeeTime: "07:00",
    lastTeeTime: "17:00",
    intervalMinutes: 10,
    capacity: 4,
    holes: 18,
    price: 45,
    currency: "USD",
  });
  const today = todayIn(timezone, now);
  for (let d = 0; d < DEMO_DAYS; d++) await teeSheetDay(db, course, addDays(today, d));
}
