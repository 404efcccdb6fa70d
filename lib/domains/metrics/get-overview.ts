import { sql } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { queryRows } from "@/lib/adapters/db/client";
import { countAnswerersOnline } from "@/lib/domains/presence/presence";

export type Overview = {
  openCases: number;
  claimedCases: number;
  escalations24h: number;
  onlineOperators: number;
  activeKeys: number;
  members: { operators: number; admins: number; inactive: number };
  health: Array<{ name: string; driver: string; ok: boolean; latencyMs: number }>;
};

const probe = async (name: string, driver: string, fn: () => Promise<unknown>) => {
  const started = Date.now();
  const ok = await fn().then(
    () => true,
    () => false,
  );
  return { name, driver, ok, latencyMs: Date.now() - started };
};

/** The admin landing page's figures for one account: one grouped query per table, plus the health probes /api/health uses. */
export async function getOverview(deps: Deps, accountId: string): Promise<Overview> {
  const [caseRows, memberRows, keyRows, online, health] = await Promise.all([
    queryRows<{ open: string; claimed: string; recent: string }>(
      deps.db,
      sql`select count(*) filter (where status = 'open') as open, count(*) filter (where status = 'claimed') as claimed,
            count(*) filter (where created_at > now() - interval '24 hours') as recent
          from cases where account_id = ${accountId} and (status in ('open', 'claimed') or created_at > now() - interval '24 hours')`,
    ),
    queryRows<{ operators: string; admins: string; inactive: string }>(
      deps.db,
      sql`select count(*) filter (where active and role = 'operator') as operators, count(*) filter (where active and role = 'admin') as admins,
            count(*) filter (where not active) as inactive from members where account_id = ${accountId}`,
    ),
    queryRows<{ n: string }>(deps.db, sql`select count(*) as n from api_keys where account_id = ${accountId} and revoked_at is null`),
    countAnswerersOnline(deps, accountId).then(
      (r) => r.online,
      () => 0,
    ),
    Promise.all([
      probe("Database", deps.config.DATABASE_URL ? "postgres" : "pglite", () => deps.db.execute(sql`select 1`)),
      probe("Key-value store", deps.kv.driver, () => deps.kv.ping()),
      probe("Event bus", deps.bus.driver, () => deps.bus.ping()),
    ]),
  ]);
  const c = caseRows[0];
  const m = memberRows[0];
  return {
    openCases: Number(c?.open ?? 0),
    claimedCases: Number(c?.claimed ?? 0),
    escalations24h: Number(c?.recent ?? 0),
    onlineOperators: online,
    activeKeys: Number(keyRows[0]?.n ?? 0),
    members: { operators: Number(m?.operators ?? 0), admins: Number(m?.admins ?? 0), inactive: Number(m?.inactive ?? 0) },
    health,
  };
}
