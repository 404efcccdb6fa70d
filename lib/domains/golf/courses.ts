import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Deps } from "@/lib/platform/deps";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";
import type { Db } from "@/lib/adapters/db/client";
import { golfCourses, golfTeeTimes, type GolfCourseRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { clock } from "@/lib/domains/golf/schemas";
import { hhmmOf, isValidTimezone, minuteOf } from "@/lib/domains/golf/time";
import { parseOrThrow } from "@/lib/platform/validation/parse";
import { safeText } from "@/lib/platform/validation/safe-text";
import { isUuid } from "@/lib/platform/validation/uuid";

/** A course of the embedded tee sheet, as the admin pages and REST routes show it. */
export type PublicCourse = {
  id: string;
  name: string;
  timezone: string;
  firstTeeTime: string;
  lastTeeTime: string;
  intervalMinutes: number;
  capacity: number;
  holes: number;
  price: number;
  currency: string;
  active: boolean;
};

export const toPublicCourse = (c: GolfCourseRow): PublicCourse => ({
  id: c.id,
  name: c.name,
  timezone: c.timezone,
  firstTeeTime: hhmmOf(c.firstTeeMinute),
  lastTeeTime: hhmmOf(c.lastTeeMinute),
  intervalMinutes: c.intervalMinutes,
  capacity: c.capacity,
  holes: c.holes,
  price: c.priceCents / 100,
  currency: c.currency,
  active: c.active,
});

const fields = {
  name: safeText().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
  timezone: z
    .string({ message: "must be an IANA timezone like Europe/Dublin" })
    .refine(isValidTimezone, "must be an IANA timezone like Europe/Dublin"),
  firstTeeTime: clock(),
  lastTeeTime: clock(),
  intervalMinutes: z
    .number({ message: "must be a number of minutes" })
    .int("must be a whole number")
    .min(5, "must be at least 5")
    .max(120, "must be at most 120"),
  capacity: z
    .number({ message: "must be a number of players" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(8, "must be at most 8"),
  holes: z.union([z.literal(9), z.literal(18)], { message: "must be 9 or 18" }),
  price: z.number({ message: "must be a price like 45 or 45.50" }).min(0, "must not be negative").max(100000, "must be at most 100000"),
  currency: z.string({ message: "must be a 3-letter currency code" }).regex(/^[A-Z]{3}$/, "must be a 3-letter currency code like USD"),
  active: z.boolean({ message: "must be true or false" }),
};
const ordered = (v: { firstTeeTime?: string; lastTeeTime?: string }) =>
  !v.firstTeeTime || !v.lastTeeTime || minuteOf(v.lastTeeTime) >= minuteOf(v.firstTeeTime);
const orderMsg = { message: "must not be before firstTeeTime", path: ["lastTeeTime"] };

export const createCourseInput = z
  .object({ ...fields, currency: fields.currency.optional(), active: fields.active.optional() })
  .strict()
  .refine(ordered, orderMsg);
export const updateCourseInput = z.object(fields).partial().strict().refine(ordered, orderMsg);

const columns = (v: Partial<z.infer<typeof updateCourseInput>>) => ({
  ...(v.name !== undefined && { name: v.name }),
  ...(v.timezone !== undefined && { timezone: v.timezone }),
  ...(v.firstTeeTime !== undefined && { firstTeeMinute: minuteOf(v.firstTeeTime) }),
  ...(v.lastTeeTime !== undefined && { lastTeeMinute: minuteOf(v.lastTeeTime) }),
  ...(v.intervalMinutes !== undefined && { intervalMinutes: v.intervalMinutes }),
  ...(v.capacity !== undefined && { capacity: v.capacity }),
  ...(v.holes !== undefined && { holes: v.holes }),
  ...(v.price !== undefined && { priceCents: Math.round(v.price * 100) }),
  ...(v.currency !== undefined && { currency: v.currency }),
  ...(v.active !== undefined && { active: v.active }),
});

/** Inserts a course (no scope check: the demo seed and the admin route both come through here). */
export async function insertCourse(db: Db, accountId: string, raw: unknown): Promise<GolfCourseRow> {
  const v = parseOrThrow(createCourseInput, raw);
  const [row] = await db
    .insert(golfCourses)
    .values({ accountId, ...(columns(v) as Required<ReturnType<typeof columns>>) })
    .returning();
  return row!;
}

/** POST /api/golf/courses (admin). */
export async function createCourse(deps: Pick<Deps, "db">, principal: Principal, raw: unknown): Promise<PublicCourse> {
  assertScope(principal, "admin");
  return toPublicCourse(await insertCourse(deps.db, principal.accountId, raw));
}

/** PATCH /api/golf/courses/{id} (admin). Tee times still to come take the new capacity and price (never below seats already booked). */
export async function updateCourse(deps: Pick<Deps, "db">, principal: Principal, id: string, raw: unknown): Promise<PublicCourse> {
  assertScope(principal, "admin");
  const v = parseOrThrow(updateCourseInput, raw);
  return deps.db.transaction(async (tx) => {
    const current = await getCourseRow(tx, principal.accountId, id, { lock: true });
    const merged = {
      first: v.firstTeeTime ? minuteOf(v.firstTeeTime) : current.firstTeeMinute,
      last: v.lastTeeTime ? minuteOf(v.lastTeeTime) : current.lastTeeMinute,
    };
    if (merged.last < merged.first) throw new AppError("validation_failed", "lastTeeTime: must not be before firstTeeTime");
    const [row] = await tx
      .update(golfCourses)
      .set({ ...columns(v), updatedAt: new Date() })
      .where(eq(golfCourses.id, current.id))
      .returning();
    if (v.capacity !== undefined || v.price !== undefined) {
      await tx
        .update(golfTeeTimes)
        .set({ capacity: sql`greatest(${golfTeeTimes.booked}, ${row!.capacity})`, priceCents: row!.priceCents })
        .where(and(eq(golfTeeTimes.courseId, current.id), gt(golfTeeTimes.startsAt, new Date())));
    }
    return toPublicCourse(row!);
  });
}

/** GET /api/golf/courses (golf:read). */
export async function listCourses(
  deps: Pick<Deps, "db">,
  principal: Principal,
  opts: { activeOnly?: boolean } = {},
): Promise<PublicCourse[]> {
  assertScope(principal, "golf:read");
  return (await listCourseRows(deps.db, principal.accountId, opts)).map(toPublicCourse);
}

export async function listCourseRows(db: Db, accountId: string, opts: { activeOnly?: boolean } = {}): Promise<GolfCourseRow[]> {
  const where = opts.activeOnly
    ? and(eq(golfCourses.accountId, accountId), eq(golfCourses.active, true))
    : eq(golfCourses.accountId, accountId);
  return db.select().from(golfCourses).where(where).orderBy(asc(golfCourses.name));
}

/** The account's course, or 404 (another account's id is indistinguishable from a missing one). */
export async function getCourseRow(db: Db, accountId: string, id: string, opts: { lock?: boolean } = {}): Promise<GolfCourseRow> {
  if (!isUuid(id)) throw new AppError("not_found", "Course not found.");
  const q = db
    .select()
    .from(golfCourses)
    .where(and(eq(golfCourses.id, id), eq(golfCourses.accountId, accountId)));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw new AppError("not_found", "Course not found.");
  return row;
}
