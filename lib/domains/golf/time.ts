/**
 * Wall-clock time at a course. A course has an IANA timezone; tee sheets are laid out in its local time
 * (first tee 07:00 means 07:00 there, whatever the server's zone) and agents speak times the way the
 * course's clock shows them. Built on Intl only, so it behaves the same on every server.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const partsFormatter = (tz: string) => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
};

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.length > 0 && tz.length <= 64;
  } catch {
    return false;
  }
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(instant: Date, tz: string): Wall {
  const p = Object.fromEntries(
    partsFormatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return { year: +p.year!, month: +p.month!, day: +p.day!, hour: +p.hour! % 24, minute: +p.minute!, second: +p.second! };
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(instant: Date, tz: string): number {
  const w = wallClock(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local date ("2026-12-03") and minute of the day name at the course. */
export function zonedInstant(localDate: string, minuteOfDay: number, tz: string): Date {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  let guess = wall - offsetMinutes(new Date(wall), tz) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), tz) * 60_000; // second pass settles a DST change
  return new Date(guess);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The course's local date and minute of the day at an instant. */
export function localParts(instant: Date, tz: string): { date: string; minute: number; hhmm: string } {
  const w = wallClock(instant, tz);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, minute: w.hour * 60 + w.minute, hhmm: `${pad(w.hour)}:${pad(w.minute)}` };
}

export const todayIn = (tz: string, now = new Date()) => localParts(now, tz).date;

/** "HH:MM" (24 h) → minutes after midnight. */
export const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** "9:10 AM", "12 PM": how a person says a clock time. */
export function spokenClock(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${m ? `:${pad(m)}` : ""} ${h < 12 ? "AM" : "PM"}`;
}

/** "Thursday, December 3" for a local date. */
export function spokenDate(localDate: string): string {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** "Thursday, December 3 at 9:10 AM" for an instant, in the course's time. */
export function spokenWhen(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${spokenDate(p.date)} at ${spokenClock(p.minute)}`;
}

/** A local date shifted by whole days. */
export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
