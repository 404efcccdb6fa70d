import { bookTeeTime } from "@/lib/domains/golf/book-tee-time";
import { insertCourse } from "@/lib/domains/golf/courses";
import { searchTeeTimes } from "@/lib/domains/golf/search-tee-times";
import { addDays, todayIn } from "@/lib/domains/golf/time";
import type { App } from "@/tests/support/matrix/app-harness";

/**
 * Golf objects of account A for the permission matrices: a course with a tee sheet, fresh one-player
 * bookings (each on the next open tee time, so no request finds a full one).
 */
export async function golfFixtures(app: App) {
  const { deps, adminKey } = app;
  const course = await insertCourse(deps.db, app.accountA.id, {
    name: "Matrix Links",
    timezone: "UTC",
    firstTeeTime: "06:00",
    lastTeeTime: "20:00",
    intervalMinutes: 5,
    capacity: 4,
    holes: 18,
    price: 30,
  });
  const date = addDays(todayIn("UTC"), 1);
  const slots = (await searchTeeTimes(deps, adminKey, { date, players: 1 })).slots;
  let next = 0;
  const freshSlotId = () => slots[next++ % slots.length]!.slotId;
  const newReservation = async () =>
    (await bookTeeTime(deps, adminKey, { slotId: freshSlotId(), players: 1, name: "Matrix Golfer", phone: "+14155550123" })).reservation;
  return { courseId: course.id, date, freshSlotId, newReservation };
}
