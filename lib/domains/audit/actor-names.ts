import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/adapters/db/client";
import { apiKeys, members } from "@/lib/adapters/db/schema";

type Actor = { type: "member" | "api_key" | "system"; id: string | null };

/** Display names for ledger/audit actors of one account: members by name (or email), keys by prefix. */
export async function actorNames(db: Db, accountId: string, actors: Actor[]): Promise<Map<string, string>> {
  const ids = (t: Actor["type"]) =>
    [...new Set(actors.filter((a) => a.type === t && a.id).map((a) => a.id!))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const memberIds = ids("member");
  const keyIds = ids("api_key");
  const [m, k] = await Promise.all([
    memberIds.length
      ? db
          .select({ id: members.id, name: members.name, email: members.email })
          .from(members)
          .where(and(eq(members.accountId, accountId), inArray(members.id, memberIds)))
      : [],
    keyIds.length
      ? db
          .select({ id: apiKeys.id, prefix: apiKeys.prefix, name: apiKeys.name })
          .from(apiKeys)
          .where(and(eq(apiKeys.accountId, accountId), inArray(apiKeys.id, keyIds)))
      : [],
  ]);
  const out = new Map<string, string>();
  for (const r of m) out.set(`member:${r.id}`, r.name || r.email);
  for (const r of k) out.set(`api_key:${r.id}`, `API key ${r.prefix} (${r.name})`);
  return out;
}

export const actorLabel = (names: Map<string, string>, a: Actor) =>
  a.type === "system" ? "system" : (names.get(`${a.type}:${a.id}`) ?? `${a.type === "member" ? "member" : "API key"} (removed)`);
