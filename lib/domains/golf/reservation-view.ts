import type { GolfReservationRow } from "@/lib/adapters/db/schema";
import type { PublicReservation } from "@/lib/domains/golf/schemas";
import { localParts } from "@/lib/domains/golf/time";

export function toPublicReservation(r: GolfReservationRow): PublicReservation {
  const local = localParts(r.startsAt, r.timezone);
  return {
    id: r.id,
    confirmationCode: r.confirmationCode,
    status: r.status,
    provider: r.provider,
    courseId: r.courseId ?? r.externalCourseId,
    courseName: r.courseName,
    date: local.date,
    time: local.hhmm,
    startsAt: r.startsAt.toISOString(),
    timezone: r.timezone,
    players: r.players,
    holes: r.holes,
    name: r.name,
    phone: r.phone,
    email: r.email,
    totalPrice: r.priceCents / 100,
    currency: r.currency,
    createdAt: r.createdAt.toISOString(),
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
  };
}
