import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { getConfig } from "@/lib/platform/config/env";
import type { Scope } from "@/lib/domains/auth/principal";
import type { Db } from "@/lib/adapters/db/client";
import { insertCourse } from "@/lib/domains/golf/courses";
import { addDays, todayIn } from "@/lib/domains/golf/time";
import { createTenant } from "@/tests/support/fixtures";

/** A tenant with golf keys (read, read+write) and an admin key. */
export async function createGolfTenant(db: Db, name?: string) {
  const t = await createTenant(db, name);
  const key = async (scopes: Scope[], keyName: string) => {
    const { key } = await createApiKey(db, { accountId: t.account.id, name: keyName, scopes });
    return { token: key, principal: (await verifyApiKey({ db, config: getConfig() }, key))! };
  };
  const golfer = await key(["golf:read", "golf:write"], "golfer");
  const reader = await key(["golf:read"], "golf reader");
  const admin = await key(["admin"], "admin");
  return {
    ...t,
    golfer: golfer.principal,
    golferKey: golfer.token,
    reader: reader.principal,
    readerKey: reader.token,
    admin: admin.principal,
  };
}

export const TZ = "America/New_York";
/** Tomorrow at the course: every tee time of it is still in the future. */
export const tomorrow = () => addDays(todayIn(TZ), 1);

/** A small course: 08:00–09:00 every 10 minutes, 4 players per tee time, $45. */
export function addCourse(db: Db, accountId: string, over: Record<string, unknown> = {}) {
  return insertCourse(db, accountId, {
    name: "Pine Hollow",
    timezone: TZ,
    firstTeeTime: "08:00",
    lastTeeTime: "09:00",
    intervalMinutes: 10,
    capacity: 4,
    holes: 18,
    price: 45,
    ...over,
  });
}
