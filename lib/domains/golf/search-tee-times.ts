import type { Deps } from "@/lib/platform/deps";
import { assertScope } from "@/lib/domains/auth/permissions";
import type { Principal } from "@/lib/domains/auth/principal";
import { AppError } from "@/lib/platform/errors";
import { searchMessage } from "@/lib/domains/golf/messages";
import { searchTeeTimesInput, type SearchTeeTimesOutput } from "@/lib/domains/golf/schemas";
import { minuteOf } from "@/lib/domains/golf/time";
import { parseOrThrow } from "@/lib/platform/validation/parse";

/** golf_search_tee_times: open tee times for a day, across the account's courses or the one named. */
export async function searchTeeTimes(deps: Deps, principal: Principal, raw: unknown): Promise<SearchTeeTimesOutput> {
  assertScope(principal, "golf:read");
  const q = parseOrThrow(searchTeeTimesInput, raw ?? {});
  const fromMinute = q.timeFrom ? minuteOf(q.timeFrom) : undefined;
  const toMinute = q.timeTo ? minuteOf(q.timeTo) : undefined;
  if (fromMinute !== undefined && toMinute !== undefined && toMinute < fromMinute)
    throw new AppError("validation_failed", "timeTo: must not be before timeFrom");
  const players = q.players ?? 1;
  const provider = await deps.golf(principal.accountId);
  const r = await provider.search({ course: q.course, date: q.date, fromMinute, toMinute, players, holes: q.holes });
  return { message: searchMessage({ ...r, players }), date: r.date, players, courses: r.courses, slots: r.slots };
}
