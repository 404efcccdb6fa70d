import type { GolfReservationRow } from "@/lib/adapters/db/schema";
import type { CourseRef } from "@/lib/domains/golf/port";
import type { Slot } from "@/lib/domains/golf/schemas";
import { localParts, minuteOf, spokenClock, spokenDate, spokenWhen } from "@/lib/domains/golf/time";

/** The sentences golf tools give agents to say: short, in the course's local time, no ids read aloud. */

const list = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const people = (n: number) => `${n} ${n === 1 ? "player" : "players"}`;
const spots = (n: number) => `${n} ${n === 1 ? "spot" : "spots"}`;
const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: Number.isInteger(amount) ? 0 : 2 }).format(amount);

export function searchMessage(r: { courses: CourseRef[]; slots: Slot[]; date: string | null; players: number }): string {
  if (!r.courses.length) return "There are no golf courses set up to book yet.";
  const day = r.date ? spokenDate(r.date) : "that day";
  if (!r.slots.length)
    return `Sorry, there are no tee times with room for ${people(r.players)} on ${day}${r.courses.length === 1 ? ` at ${r.courses[0]!.name}` : ""}.`;
  const byCourse = new Map<string, Slot[]>();
  for (const s of r.slots) byCourse.set(s.courseName, [...(byCourse.get(s.courseName) ?? []), s]);
  const parts = [...byCourse].slice(0, 3).map(([name, slots]) => {
    const times = slots.slice(0, 4).map((s) => spokenClock(minuteOf(s.time)));
    const more = slots.length > 4 ? ` and ${slots.length - 4} more` : "";
    const price = slots[0]!.pricePerPlayer ? `, ${money(slots[0]!.pricePerPlayer, slots[0]!.currency)} per player` : "";
    return `${name} has ${list(times)}${more}${price}`;
  });
  return `On ${day}, for ${people(r.players)}: ${parts.join("; ")}.`;
}

export const bookedMessage = (r: GolfReservationRow) =>
  `You're booked at ${r.courseName} on ${spokenWhen(r.startsAt, r.timezone)} for ${people(r.players)}. Your confirmation code is ${r.confirmationCode.split("").join(" ")}.`;

export const cancelledMessage = (r: GolfReservationRow, already: boolean) =>
  already
    ? `That reservation at ${r.courseName} on ${spokenWhen(r.startsAt, r.timezone)} was already cancelled.`
    : `Your tee time at ${r.courseName} on ${spokenWhen(r.startsAt, r.timezone)} is cancelled.`;

export function reservationsMessage(rows: GolfReservationRow[]): string {
  if (!rows.length) return "I couldn't find any reservations.";
  const first = rows
    .slice(0, 3)
    .map(
      (r) =>
        `${r.courseName} on ${spokenWhen(r.startsAt, r.timezone)} for ${people(r.players)}${r.status === "cancelled" ? " (cancelled)" : ""}`,
    );
  const more = rows.length > 3 ? `, and ${rows.length - 3} more` : "";
  return `${rows.length === 1 ? "There is 1 reservation" : `There are ${rows.length} reservations`}: ${list(first)}${more}.`;
}

/** Why a slot cannot take the booking, as a sentence. */
export function noRoomMessage(startsAt: Date, tz: string, open: number, wanted: number): string {
  const at = spokenClock(localParts(startsAt, tz).minute);
  if (open <= 0) return `Sorry, the ${at} tee time is fully booked now.`;
  return `That ${at} tee time has only ${spots(open)} left, not enough for ${people(wanted)}.`;
}
