import { AppError } from "@/lib/errors";
import { hasScope, type Principal, type Scope } from "@/lib/auth/principal";

/** Members always pass (admin-only checks use scope "admin"); keys need one of the scopes. */
export function requireScope(p: Principal, ...scopes: Scope[]): void {
  if (!scopes.some((s) => hasScope(p, s))) {
    throw new AppError("forbidden", `This credential needs the ${scopes.join(" or ")} scope.`);
  }
}
