import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import type { Db } from "@/lib/adapters/db/client";
import { members } from "@/lib/adapters/db/schema";
import { AppError } from "@/lib/platform/errors";
import { hashPassword, verifyPassword } from "@/lib/domains/auth/secrets";
import { recordAudit } from "@/lib/domains/audit/record-audit";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export const memberInput = z.object({
  email: z.string().trim().toLowerCase().email("must be an email address").max(320),
  password: z.string().min(8, "must be at least 8 characters").max(200),
  role: z.enum(["operator", "admin"], { message: "must be operator or admin" }),
  name: safeText().trim().max(200).optional(),
});

export async function createMember(
  db: Db,
  accountId: string,
  raw: z.input<typeof memberInput>,
  actor?: { actorType: "member" | "api_key" | "system"; actorId?: string },
) {
  const input = parseOrThrow(memberInput, raw);
  const existing = await db.select({ id: members.id }).from(members).where(eq(members.email, input.email)).limit(1);
  if (existing.length) throw new AppError("conflict", `email: ${input.email} is already a member`);
  const [row] = await db
    .insert(members)
    .values({
      accountId,
      email: input.email,
      name: input.name ?? input.email.split("@")[0]!,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .returning()
    .catch((e: unknown) => {
      // Two simultaneous sign-ups with one email: the unique index decides; the loser gets the same 409 as above.
      if ((e as { cause?: { code?: string } })?.cause?.code === "23505")
        throw new AppError("conflict", `email: ${input.email} is already a member`);
      throw e;
    });
  await recordAudit(db, {
    accountId,
    entityType: "member",
    entityId: row!.id,
    action: "member.created",
    actorType: actor?.actorType ?? "system",
    actorId: actor?.actorId,
    data: { email: input.email, role: input.role },
  });
  return publicMember(row!);
}

export function publicMember(row: typeof members.$inferSelect) {
  return {
    id: row.id,
    accountId: row.accountId,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    createdAt: row.createdAt,
    lastLoginAt: row.lastLoginAt,
    slackUserId: row.slackUserId,
    phone: row.phone,
    onCall: row.onCall,
  };
}

// A fixed hash to compare against when the email is unknown, so timing does not reveal which emails exist.
let decoyHash: Promise<string> | undefined;

/** Checks an email + password; returns the active member or null. */
export async function checkMemberPassword(db: Db, email: string, password: string) {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.email, email.trim().toLowerCase()), eq(members.active, true)))
    .limit(1);
  if (!row) {
    decoyHash ??= hashPassword("decoy-password");
    await verifyPassword(password, await decoyHash);
    return null;
  }
  return (await verifyPassword(password, row.passwordHash)) ? row : null;
}

export async function listMembers(db: Db, accountId: string) {
  const rows = await db.select().from(members).where(eq(members.accountId, accountId)).orderBy(asc(members.createdAt));
  return rows.map(publicMember);
}
