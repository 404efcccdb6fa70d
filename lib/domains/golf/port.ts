import type { Principal } from "@/lib/domains/auth/principal";
import type { GolfProviderName, GolfReservationRow } from "@/lib/adapters/db/schema";

export type { GolfProviderName };
import type { BookTeeTimeInput, Slot } from "@/lib/domains/golf/schemas";

/** What a search asks a provider, with the time window already in minutes of the course's local day. */
export type TeeTimeQuery = { course?: string; date?: string; fromMinute?: number; toMinute?: number; players: number; holes?: 9 | 18 };
export type CourseRef = { id: string; name: string; timezone: string };
export type SearchResult = { courses: CourseRef[]; slots: Slot[]; date: string | null };

/**
 * A place tee times are booked: Switchboard's own tee sheet (embedded) or a booking API (Chronogolf).
 * Reservations are always recorded in our database too, so listing and idempotency work the same for both.
 */
export interface GolfProvider {
  readonly name: GolfProviderName;
  search(q: TeeTimeQuery): Promise<SearchResult>;
  /** Books and records the reservation; `replayed` when the idempotency key already had one. */
  book(principal: Principal, input: BookTeeTimeInput): Promise<{ row: GolfReservationRow; replayed: boolean }>;
  /** Cancels a booked reservation of this provider and records it; returns the updated row. */
  cancel(row: GolfReservationRow): Promise<GolfReservationRow>;
}
