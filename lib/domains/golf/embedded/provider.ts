import { and, eq, sql } from "drizzle-orm";
import type { Principal } from "@/lib/domains/auth/principal";
import type { Db } from "@/lib/adapters/db/client";
import { golfReservations, golfTeeTimes, type GolfReservationRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { getCourseRow, listCourseRows } from "@/lib/domains/golf/courses";
import { isUuid } from "@/lib/platform/validation/uuid";
import { noRoomMessage } from "@/lib/domains/golf/messages";
import type { GolfProvider, TeeTimeQuery } from "@/lib/domains/golf/port";
import { findByIdempotencyKey, isUniqueViolation, markCancelled, newConfirmationCode } from "@/lib/domains/golf/reservations";
import type { BookTeeTimeInput, Slot } from "@/lib/domains/golf/schemas";
import { localParts, todayIn } from "@/lib/domains/golf/time";
import { teeSheetDay } from "@/lib/domains/golf/embedded/tee-sheet";
import { resolveCourses } from "@/lib/domains/golf/resolve-courses";

const SEARCH_LIMIT = 60;
const MAX_DAYS_AHEAD = 366;

/** Switchboard's own tee sheets, kept in our database. */
export function embeddedGolf(db: Db, accountId: string, now: () => Date = () => new Date()): GolfProvider {
  return {
    name: "embedded",

    async search(q: TeeTimeQuery) {
      const all = await listCourseRows(db, accountId, { activeOnly: true });
      const courses = resolveCourses(all, q.course).filter((c) => !q.holes || c.holes === q.holes);
      if (q.holes && !courses.length && all.length) throw new AppError("not_found", `None of the courses has ${q.holes} holes.`);
      const slots: Slot[] = [];
      let date: string | null = q.date ?? null;
      for (const c of courses) {
        const day = q.date ?? todayIn(c.timezone, now());
        date ??= day;
        if (day < todayIn(c.timezone, now())) throw new AppError("validation_failed", "date: that day has already passed at the course.");
        if (day > todayIn(c.timezone, new Date(now().getTime() + MAX_DAYS_AHEAD * 86_400_000)))
          throw new AppError("validation_failed", "date: tee times can be booked at most a year ahead.");
        for (const t of await teeSheetDay(db, c, day)) {
          const local = localParts(t.startsAt, c.timezone);
          const open = t.capacity - t.booked;
          if (t.startsAt <= now() || open < q.players) continue;
          if ((q.fromMinute !== undefined && local.minute < q.fromMinute) || (q.toMinute !== undefined && local.minute > q.toMinute))
            continue;
          slots.push({
            slotId: t.id,
            courseId: c.id,
            courseName: c.name,
            date: day,
            time: local.hhmm,
            startsAt: t.startsAt.toISOString(),
            timezone: c.timezone,
            openSpots: open,
            holes: c.holes,
            pricePerPlayer: t.priceCents / 100,
            currency: c.currency,
          });
        }
      }
      slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.courseName.localeCompare(b.courseName));
      return { courses: courses.map((c) => ({ id: c.id, name: c.name, timezone: c.timezone })), slots: slots.slice(0, SEARCH_LIMIT), date };
    },

    async book(principal: Principal, input: BookTeeTimeInput) {
      const notFound = () => new AppError("not_found", "That tee time was not found on the tee sheet; search again for open times.");
      if (!isUuid(input.slotId)) throw notFound();
      const [t] = await db
        .select()
        .from(golfTeeTimes)
        .where(and(eq(golfTeeTimes.id, input.slotId), eq(golfTeeTimes.accountId, accountId)));
      if (!t) throw notFound();
      const course = await getCourseRow(db, accountId, t.courseId);
      if (!course.active) throw new AppError("conflict", `${course.name} is not taking bookings right now.`);
      if (t.startsAt <= now()) throw new AppError("conflict", "That tee time has already gone; search again for a later one.");
      if (input.players > t.capacity)
        throw new AppError("validation_failed", `players: a tee time at ${course.name} takes at most ${t.capacity} players.`);
      try {
        const row = await db.transaction(async (tx) => {
          // The seat check and the seat update are one statement: the row lock makes concurrent bookings
          // wait, and each re-checks the count it finds, so a tee time is never overbooked.
          const [taken] = await tx
            .update(golfTeeTimes)
            .set({ booked: sql`${golfTeeTimes.booked} + ${input.players}` })
            .where(and(eq(golfTeeTimes.id, t.id), sql`${golfTeeTimes.booked} + ${input.players} <= ${golfTeeTimes.capacity}`))
            .returning();
          if (!taken) {
            const [now_] = await tx.select().from(golfTeeTimes).where(eq(golfTeeTimes.id, t.id));
            throw new AppError("conflict", noRoomMessage(t.startsAt, course.timezone, now_!.capacity - now_!.booked, input.players), {
              openSpots: now_!.capacity - now_!.booked,
            });
          }
          const [inserted] = await tx
            .insert(golfReservations)
            .values({
              accountId,
              provider: "embedded",
              courseId: course.id,
              teeTimeId: t.id,
              courseName: course.name,
              timezone: course.timezone,
              startsAt: t.startsAt,
              holes: course.holes,
              players: input.players,
              name: input.name,
              phone: input.phone ?? null,
              email: input.email ?? null,
              confirmationCode: newConfirmationCode(),
              idempotencyKey: input.idempotencyKey ?? null,
              priceCents: t.priceCents * input.players,
              currency: course.currency,
              createdByKeyId: principal.kind === "api_key" ? principal.keyId : null,
            })
            .returning();
          return inserted!;
        });
        return { row, replayed: false };
      } catch (e) {
        // Two requests with one idempotency key: the second's insert waited for the first and failed; its
        // seats were rolled back with it, and it answers with the first one's reservation.
        if (isUniqueViolation(e)) {
          const existing = await findByIdempotencyKey(db, accountId, input.idempotencyKey);
          if (existing) return { row: existing, replayed: true };
        }
        throw e;
      }
    },

    async cancel(row: GolfReservationRow) {
      return db.transaction(async (tx) => {
        const cancelled = await markCancelled(tx, row.id);
        if (!cancelled) return (await tx.select().from(golfReservations).where(eq(golfReservations.id, row.id)))[0]!;
        if (cancelled.teeTimeId) {
          await tx
            .update(golfTeeTimes)
            .set({ booked: sql`greatest(${golfTeeTimes.booked} - ${cancelled.players}, 0)` })
            .where(eq(golfTeeTimes.id, cancelled.teeTimeId));
        }
        return cancelled;
      });
    },
  };
}
