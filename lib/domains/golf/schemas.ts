import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";

/** Tool and route contracts of the golf domain: inputs as agents send them, outputs as they read them. */

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export const localDate = () =>
  z
    .string({ message: "must be a date like 2026-12-03" })
    .regex(LOCAL_DATE, "must be a date like 2026-12-03 (YYYY-MM-DD, the course's local date)")
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      "is not a real calendar date",
    );
export const clock = () =>
  z.string({ message: "must be a time like 09:30" }).regex(CLOCK, "must be a 24-hour time like 09:30 (HH:MM, the course's local time)");
const players = () =>
  z
    .number({ message: "must be a number of players" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(8, "must be at most 8");

export const searchTeeTimesInput = z.object({
  course: safeText().trim().min(1).max(120).optional().describe("Course name (or part of it) or course id; omit to search every course."),
  date: localDate().optional().describe("The day to play, YYYY-MM-DD in the course's local time; default today."),
  timeFrom: clock().optional().describe("Earliest tee time, HH:MM local (24 h)."),
  timeTo: clock().optional().describe("Latest tee time, HH:MM local (24 h)."),
  players: players().optional().describe("How many players need a spot; default 1."),
  holes: z
    .union([z.literal(9), z.literal(18)], { message: "must be 9 or 18" })
    .optional()
    .describe("9 or 18 holes."),
});
export type SearchTeeTimesInput = z.infer<typeof searchTeeTimesInput>;

export const slotSchema = z.object({
  slotId: z.string().describe("Pass to golf_book_tee_time."),
  courseId: z.string(),
  courseName: z.string(),
  date: z.string().describe("Local date at the course."),
  time: z.string().describe("Local tee time, HH:MM (24 h)."),
  startsAt: z.string().describe("ISO 8601 instant (UTC)."),
  timezone: z.string(),
  openSpots: z.number().int(),
  holes: z.number().int(),
  pricePerPlayer: z.number().describe("In the currency's main unit, e.g. 45.00."),
  currency: z.string(),
});
export type Slot = z.infer<typeof slotSchema>;

export const searchTeeTimesOutput = z.object({
  message: z.string().describe("A sentence the agent can say as is."),
  date: z.string().nullable(),
  players: z.number().int(),
  courses: z.array(z.object({ id: z.string(), name: z.string(), timezone: z.string() })),
  slots: z.array(slotSchema),
});
export type SearchTeeTimesOutput = z.infer<typeof searchTeeTimesOutput>;

const contact = safeText().trim().max(200);
export const bookTeeTimeInput = z
  .object({
    slotId: safeText().trim().min(1).max(200).describe("The slotId golf_search_tee_times returned."),
    players: players().describe("How many players to book."),
    name: safeText().trim().min(1, "must not be empty").max(120).describe("Who the booking is for."),
    phone: contact.regex(/^\+?[0-9 ()./-]{5,30}$/, "must be a phone number like +14155550123").optional(),
    email: contact.email("must be an email address").optional(),
    idempotencyKey: safeText()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Same key on a retry → the same reservation, never a second one."),
  })
  .refine((v) => v.phone || v.email, { message: "give a phone number or an email address", path: ["phone"] });
export type BookTeeTimeInput = z.infer<typeof bookTeeTimeInput>;

export const reservationSchema = z.object({
  id: z.string(),
  confirmationCode: z.string(),
  status: z.enum(["booked", "cancelled"]),
  provider: z.enum(["embedded", "chronogolf"]),
  courseId: z.string().nullable(),
  courseName: z.string(),
  date: z.string(),
  time: z.string(),
  startsAt: z.string(),
  timezone: z.string(),
  players: z.number().int(),
  holes: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  totalPrice: z.number(),
  currency: z.string(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type PublicReservation = z.infer<typeof reservationSchema>;

export const bookTeeTimeOutput = z.object({
  message: z.string().describe("A sentence the agent can say as is."),
  replayed: z.boolean().describe("True when this idempotencyKey had already booked: the same reservation, nothing new booked."),
  reservation: reservationSchema,
});

export const getReservationsInput = z.object({
  phone: contact.optional().describe("Only reservations with this phone number."),
  email: contact.optional().describe("Only reservations with this email."),
  name: safeText().trim().max(120).optional().describe("Only reservations whose name contains this."),
  status: z.enum(["booked", "cancelled", "all"], { message: "must be booked, cancelled or all" }).optional().describe("Default booked."),
  includePast: z.boolean({ message: "must be true or false" }).optional().describe("Also tee times that have passed; default false."),
  limit: z
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(50, "must be at most 50")
    .optional()
    .describe("Default 10."),
});
export type GetReservationsInput = z.infer<typeof getReservationsInput>;

export const getReservationsOutput = z.object({ message: z.string(), reservations: z.array(reservationSchema) });

export const cancelReservationInput = z
  .object({
    confirmationCode: safeText().trim().min(1).max(40).optional().describe("The code given at booking."),
    reservationId: z.string().uuid("must be a reservation id (UUID)").optional(),
  })
  .refine((v) => v.confirmationCode || v.reservationId, {
    message: "give the confirmationCode (or reservationId)",
    path: ["confirmationCode"],
  });
export type CancelReservationInput = z.infer<typeof cancelReservationInput>;

export const cancelReservationOutput = z.object({ message: z.string(), alreadyCancelled: z.boolean(), reservation: reservationSchema });
