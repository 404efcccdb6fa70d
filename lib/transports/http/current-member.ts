import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/adapters/db/client";
import { resolveSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import type { Principal } from "@/lib/domains/auth/principal";

export type Member = Extract<Principal, { kind: "member" }>;

/** The member signed in on this request (server components), or null. */
export async function currentMember(): Promise<Member | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return resolveSession((await getDatabase()).db, token);
}

/** For member-only pages: signed-out visitors go to sign-in and come back to `next` afterwards. */
export async function requireMemberPage(next: string): Promise<Member> {
  const member = await currentMember();
  if (!member) redirect(`/login?next=${encodeURIComponent(next)}`);
  return member;
}
