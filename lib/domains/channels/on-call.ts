import { z } from "zod";
import type { OnCallHours } from "@/lib/adapters/db/schema";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");

export const onCallHoursSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris"),
    days: z
      .array(z.number().int().min(1).max(7), { message: "must be a list of weekdays 1 (Monday) … 7 (Sunday)" })
      .min(1, "must name at least one day")
      .max(7),
    start: time,
    end: time,
  })
  .strict();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * Whether `now` falls in the member's on-call hours, read on the member's own clock. A window whose end is
 * before its start runs past midnight (22:00–06:00) and belongs to the day it starts; start = end is all day.
 */
export function isOnCallAt(hours: OnCallHours | null | undefined, now: Date = new Date()): boolean {
  if (!hours) return false;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: hours.timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const day = WEEKDAY[get("weekday")] ?? 0;
  const minute = Number(get("hour")) * 60 + Number(get("minute"));
  const [sh, sm] = hours.start.split(":").map(Number);
  const [eh, em] = hours.end.split(":").map(Number);
  const start = sh! * 60 + sm!;
  const end = eh! * 60 + em!;
  if (start === end) return hours.days.includes(day);
  if (start < end) return hours.days.includes(day) && minute >= start && minute < end;
  const yesterday = day === 1 ? 7 : day - 1;
  return (hours.days.includes(day) && minute >= start) || (hours.days.includes(yesterday) && minute < end);
}
