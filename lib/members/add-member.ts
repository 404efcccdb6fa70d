import { z } from "zod";
import { safeText } from "@/lib/validation/safe-text";
import type { Deps } from "@/lib/deps";
import { AppError, describeIssues } from "@/lib/errors";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { createMember } from "@/lib/auth/members";
import { randomToken } from "@/lib/auth/secrets";
import { assertScope } from "@/lib/auth/permissions";

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
  const parsed = addMemberInput.safeParse(raw);
  if (!parsed.success) throw new AppError("validation_failed", describeIssues(parsed.error.issues));
  const generated = parsed.data.password ? undefined : randomToken(12);
  const member = await createMember(
    deps.db,
    principal.accountId,
    { email: parsed.data.email, name: parsed.data.name || undefined, role: parsed.data.role, password: parsed.data.password || generated! },
    actorOf(principal),
  );
  return { member, ...(generated ? { generatedPassword: generated } : {}) };
}
