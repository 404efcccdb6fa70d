import { and, desc, eq, gte, ilike, type SQL } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";
import { golfReservations } from "@/lib/adapters/db/schema";
import { reservationsMessage } from "@/lib/domains/golf/messages";
import { toPublicReservation } from "@/lib/domains/golf/reservation-view";
import { getReservationsInput, type PublicReservation } from "@/lib/domains/golf/schemas";
import { parseOrThrow } from "@/lib/platform/validation/parse";

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const digits = (s: string) => s.replace(/\D/g, "");

/** golf_get_reservations: the account's reservations (never another account's), soonest first. */
export async function getReservations(
  deps: Pick<Deps, "db">,
  principal: Principal,
  raw: unknown,
): Promise<{ message: string; reservations: PublicReservation[] }> {
  assertScope(principal, "golf:read");
  const q = parseOrThrow(getReservationsInput, raw ?? {});
  const where: SQL[] = [eq(golfReservations.accountId, principal.accountId)];
  const status = q.status ?? "booked";
  if (status !== "all") where.push(eq(golfReservations.status, status));
  if (!q.includePast) where.push(gte(golfReservations.startsAt, new Date()));
  if (q.email) where.push(ilike(golfReservations.email, likeEscape(q.email)));
  if (q.name) where.push(ilike(golfReservations.name, `%${likeEscape(q.name)}%`));
  let rows = await deps.db
    .select()
    .from(golfReservations)
    .where(and(...where))
    .orderBy(desc(golfReservations.startsAt))
    .limit(q.phone ? 500 : (q.limit ?? 10));
  // Phone numbers are compared by their digits: "+1 (415) 555-0123" and "14155550123" are one caller.
  if (q.phone) rows = rows.filter((r) => r.phone && digits(r.phone).endsWith(digits(q.phone!).slice(-10))).slice(0, q.limit ?? 10);
  rows.reverse();
  return { message: reservationsMessage(rows), reservations: rows.map(toPublicReservation) };
}
