import type { Deps } from "@/lib/deps";
import { AppError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import { assertScope } from "@/lib/auth/permissions";
import { mintRealtimeToken, type RealtimeToken } from "@/lib/realtime/supabase/mint-token";

/** A new token before the old one lapses (the browser asks ~2 minutes ahead); the session must still be valid. */
export function refreshRealtimeToken(deps: Pick<Deps, "config">, principal: Principal): RealtimeToken {
  if (deps.config.realtimeDriver !== "supabase") throw new AppError("not_found", "Supabase Realtime is not the configured realtime driver (REALTIME_DRIVER).");
  assertScope(principal, "hitl:answer");
  return mintRealtimeToken(deps.config, principal);
}
