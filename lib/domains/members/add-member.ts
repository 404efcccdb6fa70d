import { z } from "zod";
import { safeText } from "@/lib/platform/validation/safe-text";
import type { Deps } from "@/lib/platform/deps";
import { actorOf, type Principal } from "@/lib/domains/auth/principal";
import { createMember } from "@/lib/domains/members/members";
import { randomToken } from "@/lib/domains/auth/secrets";
import { assertScope } from "@/lib/domains/auth/permissions";
import { parseOrThrow } from "@/lib/platform/validation/parse";

export const addMemberInput = z.object({
  email: safeText().trim().min(1, "required"),
  name: safeText().trim().max(200, "must be at most 200 characters").optional(),
  role: z.enum(["operator", "admin"], { message: "must be operator or admin" }),
  /** Omit (or send an empty string) to have one generated and returned once. */
  password: z.string().max(200).optional(),
});

/**
 * An admin adds an operator or admin to their own account. Without a password one is generated and
 * returned here, once; it is stored only as a hash.
 */
export async function addMember(deps: Deps, principal: Principal, raw: unknown) {
  assertScope(principal, "admin");
  const parsed = parseOrThrow(addMemberInput, raw);
  const generated = parsed.password ? undefined : randomToken(12);
  const member = await createMember(
    deps.db,
    principal.accountId,
    { email: parsed.email, name: parsed.name || undefined, role: parsed.role, password: parsed.password || generated! },
    actorOf(principal),
  );
  return { member, ...(generated ? { generatedPassword: generated } : {}) };
}
