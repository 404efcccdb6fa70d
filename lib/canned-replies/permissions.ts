import { AppError } from "@/lib/errors";
import { hasScope, type Principal } from "@/lib/auth/principal";
import { requireScope } from "@/lib/http/require";

/** Members (operators and admins) and answering keys read their account's replies. */
export const assertCanReadCannedReplies = (p: Principal) => requireScope(p, "hitl:answer");

/** Members manage their team's replies; of API keys only admin-scoped ones may. */
export function assertCanManageCannedReplies(p: Principal): void {
  if (p.kind === "member" || hasScope(p, "admin")) return;
  throw new AppError("forbidden", "Managing canned replies needs a member session or an admin-scoped API key.");
}
