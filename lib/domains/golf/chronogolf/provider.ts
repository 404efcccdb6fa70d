import type { Principal } from "@/lib/domains/auth/principal";
import type { Db } from "@/lib/adapters/db/client";
import { golfReservations, type GolfReservationRow } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { chronogolfClient, isChronogolfHttpError } from "@/lib/domains/golf/chronogolf/client";
import { noRoomMessage } from "@/lib/domains/golf/messages";
import type { GolfProvider, TeeTimeQuery } from "@/lib/domains/golf/port";
import { findByIdempotencyKey, isUniqueViolation, markCancelled, newConfirmationCode } from "@/lib/domains/golf/reservations";
import { resolveCourses } from "@/lib/domains/golf/resolve-courses";
import type { BookTeeTimeInput, Slot } from "@/lib/domains/golf/schemas";
import type { ChronogolfConfig } from "@/lib/domains/golf/settings";
import { chronogolfTokenStore } from "@/lib/domains/golf/chronogolf/token-store";
import { minuteOf, todayIn, zonedInstant } from "@/lib/domains/golf/time";

type Resource<A> = {
  id: string;
  type: string;
  attributes: A;
  relationships?: Record<string, { data: { id: string; type: string } | null }>;
};
type CourseAttrs = { name: string; holes?: number };
type TeetimeAttrs = {
  date: string;
  start_time: string;
  free_slots: number;
  blocked?: boolean;
  hole?: number;
  rates?: Array<{ green_fee?: number; subtotal?: number }>;
};
type ReservationAttrs = { booking_reference?: string; state?: string };

/** A slot id carries what booking needs to find the tee time again: course, local date, tee time. */
const slotIdOf = (courseId: string, date: string, teetimeId: string) => `cg.${courseId}.${date}.${teetimeId}`;
function parseSlotId(slotId: string) {
  const m = /^cg\.([^.]+)\.(\d{4}-\d{2}-\d{2})\.([^.]+)$/.exec(slotId);
  if (!m) throw new AppError("not_found", "That tee time was not found on the tee sheet; search again for open times.");
  return { courseId: m[1]!, date: m[2]!, teetimeId: m[3]! };
}
const splitName = (name: string) => {
  const parts = name.trim().split(/\s+/);
  return { first_name: parts[0]!, last_name: parts.length > 1 ? parts.slice(1).join(" ") : "-" };
};

/** Tee times booked through the Lightspeed Golf (Chronogolf) Partner API v2; reservations also recorded here. */
export function chronogolfGolf(db: Db, accountId: string, cfg: ChronogolfConfig, now: () => Date = () => new Date()): GolfProvider {
  // A rotated instance token belongs to the instance, not to the account whose request happened to rotate it.
  const api = chronogolfClient(cfg, chronogolfTokenStore(db, accountId, cfg));
  const org = `/partner_api/v2/organizations/${encodeURIComponent(cfg.organizationId)}`;

  const courses = async () => (await api.get<{ data: Resource<CourseAttrs>[] }>(`${org}/courses`, { "page[size]": "100" })).data;
  const teetimes = async (courseId: string, date: string, players: number, holes: number) => {
    const out: Resource<TeetimeAttrs>[] = [];
    for (let page = 1; page <= 10; page++) {
      const r = await api.get<{ data: Resource<TeetimeAttrs>[]; meta?: { page?: number; total_pages?: number } }>(`${org}/teetimes`, {
        "filter[course]": courseId,
        "filter[date]": date,
        "custom_params[player_count]": String(players),
        "custom_params[holes]": String(holes),
        "custom_params[with_pricing]": "true",
        "page[size]": "100",
        "page[number]": String(page),
      });
      out.push(...r.data);
      if (!r.meta?.total_pages || page >= r.meta.total_pages) break;
    }
    return out;
  };
  const priceOf = (t: TeetimeAttrs) => t.rates?.[0]?.green_fee ?? t.rates?.[0]?.subtotal ?? 0;

  return {
    name: "chronogolf",

    async search(q: TeeTimeQuery) {
      const matched = resolveCourses(
        (await courses()).map((c) => ({ id: c.id, name: c.attributes.name, holes: c.attributes.holes })),
        q.course,
      );
      const date = q.date ?? todayIn(cfg.timezone, now());
      if (date < todayIn(cfg.timezone, now())) throw new AppError("validation_failed", "date: that day has already passed at the course.");
      const holes = q.holes ?? 18;
      const slots: Slot[] = [];
      for (const c of matched) {
        for (const t of await teetimes(c.id, date, q.players, holes)) {
          const a = t.attributes;
          const minute = minuteOf(a.start_time);
          const startsAt = zonedInstant(a.date, minute, cfg.timezone);
          if (a.blocked || a.free_slots < q.players || startsAt <= now()) continue;
          if ((q.fromMinute !== undefined && minute < q.fromMinute) || (q.toMinute !== undefined && minute > q.toMinute)) continue;
          slots.push({
            slotId: slotIdOf(c.id, a.date, t.id),
            courseId: c.id,
            courseName: c.name,
            date: a.date,
            time: a.start_time.slice(0, 5),
            startsAt: startsAt.toISOString(),
            timezone: cfg.timezone,
            openSpots: a.free_slots,
            holes,
            pricePerPlayer: priceOf(a),
            currency: "USD",
          });
        }
      }
      slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      return { courses: matched.map((c) => ({ id: c.id, name: c.name, timezone: cfg.timezone })), slots: slots.slice(0, 60), date };
    },

    async book(principal: Principal, input: BookTeeTimeInput) {
      const ref = parseSlotId(input.slotId);
      const course = (await courses()).find((c) => c.id === ref.courseId);
      const holes = course?.attributes.holes === 9 ? 9 : 18;
      const t = (await teetimes(ref.courseId, ref.date, 1, holes)).find((x) => x.id === ref.teetimeId);
      if (!course || !t) throw new AppError("not_found", "That tee time was not found on the tee sheet; search again for open times.");
      const startsAt = zonedInstant(t.attributes.date, minuteOf(t.attributes.start_time), cfg.timezone);
      if (t.attributes.free_slots < input.players)
        throw new AppError("conflict", noRoomMessage(startsAt, cfg.timezone, t.attributes.free_slots, input.players));
      let reservation: Resource<ReservationAttrs>;
      try {
        const customer = await api.post<{ data: Resource<unknown> }>(`${org}/customers`, {
          data: {
            type: "customer",
            attributes: {
              ...splitName(input.name),
              ...(input.email && { email: input.email }),
              ...(input.phone && { phone: input.phone }),
            },
          },
        });
        const request = await api.post<{ data: Resource<unknown> }>(`${org}/reservation_requests`, {
          data: {
            type: "reservation_request",
            attributes: { holes, note: "Booked by Switchboard", cart_count: 0 },
            relationships: { teetime: { data: { type: "teetime", id: t.id } } },
          },
        });
        for (let i = 0; i < input.players; i++) {
          const who =
            i === 0
              ? { relationships: { customer: { data: { type: "customer", id: customer.data.id } } } }
              : { attributes: { guest: { first_name: "Guest", last_name: String(i) } } };
          await api.post(`${org}/round_requests`, {
            data: {
              type: "round_request",
              attributes: { ...("attributes" in who ? who.attributes : {}) },
              relationships: {
                reservation_request: { data: { type: "reservation_request", id: request.data.id } },
                ...("relationships" in who ? who.relationships : {}),
              },
            },
          });
        }
        reservation = (
          await api.post<{ data: Resource<ReservationAttrs> }>(`${org}/reservations`, {
            data: {
              type: "reservation",
              attributes: {},
              relationships: { reservation_request: { data: { type: "reservation_request", id: request.data.id } } },
            },
          })
        ).data;
      } catch (e) {
        if (isChronogolfHttpError(e)) throw new AppError("conflict", `The course could not take that booking: ${e.detail}`);
        throw e;
      }
      try {
        const [row] = await db
          .insert(golfReservations)
          .values({
            accountId,
            provider: "chronogolf",
            externalCourseId: course.id,
            externalId: reservation.id,
            courseName: course.attributes.name,
            timezone: cfg.timezone,
            startsAt,
            holes,
            players: input.players,
            name: input.name,
            phone: input.phone ?? null,
            email: input.email ?? null,
            confirmationCode: newConfirmationCode(),
            idempotencyKey: input.idempotencyKey ?? null,
            priceCents: Math.round(priceOf(t.attributes) * 100) * input.players,
            createdByKeyId: principal.kind === "api_key" ? principal.keyId : null,
          })
          .returning();
        return { row: row!, replayed: false };
      } catch (e) {
        // A concurrent retry with the same key booked first: give our extra booking back.
        const existing = isUniqueViolation(e) ? await findByIdempotencyKey(db, accountId, input.idempotencyKey) : null;
        if (!existing) throw e;
        await api.del(`/partner_api/v2/reservations/${encodeURIComponent(reservation.id)}`).catch(() => {});
        return { row: existing, replayed: true };
      }
    },

    async cancel(row: GolfReservationRow) {
      if (row.externalId) {
        try {
          await api.del(`/partner_api/v2/reservations/${encodeURIComponent(row.externalId)}`);
        } catch (e) {
          // Already gone at the course: record it cancelled here too.
          if (!(isChronogolfHttpError(e) && e.status === 404)) {
            if (isChronogolfHttpError(e)) throw new AppError("conflict", `The course could not cancel that booking: ${e.detail}`);
            throw e;
          }
        }
      }
      return (await markCancelled(db, row.id)) ?? row;
    },
  };
}
