import { getConfig } from "@/lib/config/env";
import type { Kv } from "@/lib/kv";
import type { Principal } from "@/lib/auth/principal";
import { assertScope } from "@/lib/auth/permissions";

// One sorted set per account: member = who, score = when their heartbeat goes stale.
const key = (accountId: string) => `presence:${accountId}`;
const who = (p: Principal) => (p.kind === "member" ? `member:${p.memberId}` : `key:${p.keyId}`);

/** Records a heartbeat; `away` removes the sender from the online count at once. */
export async function heartbeat(kv: Kv, p: Principal, status: "online" | "away" = "online") {
  assertScope(p, "hitl:answer"); // only answerers count as someone who can answer
  const ttlMs = getConfig().PRESENCE_TTL_SECONDS * 1000;
  const now = Date.now();
  if (status === "away") await kv.zrem(key(p.accountId), who(p));
  else await kv.zadd(key(p.accountId), now + ttlMs, who(p));
  await kv.zremRangeByScore(key(p.accountId), 0, now);
  await kv.pexpire(key(p.accountId), ttlMs * 2);
  return { status, online: await countOnline(kv, p.accountId), ttlSeconds: ttlMs / 1000 };
}

export async function countOnline(kv: Kv, accountId: string): Promise<number> {
  return kv.zcount(key(accountId), Date.now(), Number.MAX_SAFE_INTEGER);
}
