import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/adapters/db/client";
import type { Deps } from "@/lib/platform/deps";
import type { Kv } from "@/lib/adapters/kv";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { isDependencyDown } from "@/lib/platform/resilience/dependency-error";

// One sorted set per account: member = who, score = when their heartbeat goes stale.
const key = (accountId: string) => `presence:${accountId}`;
const who = (p: Principal) => (p.kind === "member" ? `member:${p.memberId}` : `key:${p.keyId}`);

/**
 * Records a heartbeat; `away` removes the sender from the online count at once. While kv is unreachable the
 * heartbeat cannot be kept: the answer then carries the database's estimate (below) and `degraded: true`,
 * so an open console keeps working.
 */
export async function heartbeat(
  { kv, config, db }: Pick<Deps, "kv" | "config"> & { db?: Db },
  p: Principal,
  status: "online" | "away" = "online",
) {
  assertScope(p, "hitl:answer"); // only answerers count as someone who can answer
  const ttlMs = config.PRESENCE_TTL_SECONDS * 1000;
  const now = Date.now();
  try {
    if (status === "away") await kv.zrem(key(p.accountId), who(p));
    else await kv.zadd(key(p.accountId), now + ttlMs, who(p));
    await kv.zremRangeByScore(key(p.accountId), 0, now);
    await kv.pexpire(key(p.accountId), ttlMs * 2);
    return { status, online: await countOnline(kv, p.accountId), ttlSeconds: ttlMs / 1000 };
  } catch (e) {
    if (!isDependencyDown(e, "kv")) throw e;
    return { status, online: db ? await estimateOnlineFromDatabase(db, p.accountId) : 0, ttlSeconds: ttlMs / 1000, degraded: true };
  }
}

/**
 * Someone online who just claimed or answered a case is still at work: that extends their heartbeat, whose next
 * beat may be queued behind a burst of calls on a loaded instance (bench figure 8 saw callers told "nobody
 * available" while the operator answered case after case). It never makes anyone online who was not — a script
 * that answers one case without heartbeats stays offline (ZADD XX: only a member still in the set, even one just
 * gone stale and not yet swept). One kv write; never fails the claim or answer it follows.
 */
export async function notePresence({ kv, config }: Pick<Deps, "kv" | "config">, p: Principal): Promise<void> {
  await kv.zadd(key(p.accountId), Date.now() + config.PRESENCE_TTL_SECONDS * 1000, who(p), { onlyExisting: true }).catch(() => {});
}

export async function countOnline(kv: Kv, accountId: string): Promise<number> {
  return kv.zcount(key(accountId), Date.now(), Number.MAX_SAFE_INTEGER);
}

/**
 * Who may answer now. From kv heartbeats normally; while kv is unreachable, from the database: members of
 * the account with a live session, plus answering keys (hitl:answer or admin) used in the last two minutes.
 * That over-counts (a signed-in operator may have closed the tab) on purpose: a caller then waits the
 * bounded time and hears the holding sentence, and the case stays for a person to answer — whereas
 * under-counting would turn every escalation away while operators sit at their consoles.
 */
export async function countAnswerersOnline(
  deps: { kv: Kv; db: Db },
  accountId: string,
): Promise<{ online: number; source: "kv" | "database" }> {
  try {
    return { online: await countOnline(deps.kv, accountId), source: "kv" };
  } catch (e) {
    if (!isDependencyDown(e, "kv")) throw e;
    return { online: await estimateOnlineFromDatabase(deps.db, accountId), source: "database" };
  }
}

export async function estimateOnlineFromDatabase(db: Db, accountId: string): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db,
    sql`select (select count(distinct m.id) from members m join member_sessions s on s.member_id = m.id
                 where m.account_id = ${accountId} and m.active and s.expires_at > now())
             + (select count(*) from api_keys k where k.account_id = ${accountId} and k.revoked_at is null
                 and k.last_used_at > now() - interval '2 minutes' and k.scopes && array['hitl:answer', 'admin']::text[]) as n`,
  );
  return Number(row?.n ?? 0);
}
