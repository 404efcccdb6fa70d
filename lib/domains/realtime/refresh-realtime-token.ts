import type { Deps } from "@/lib/platform/deps";
import { AppError } from "@/lib/platform/errors";
import type { Principal } from "@/lib/domains/auth/principal";
import { assertScope } from "@/lib/domains/auth/permissions";
import { mintRealtimeToken, type RealtimeToken } from "@/lib/adapters/realtime/supabase/mint-token";
import { realtimeAudience } from "@/lib/domains/realtime/client-config";

/** A new token before the old one lapses (the browser asks ~2 minutes ahead); the session must still be valid. */
export function refreshRealtimeToken(deps: Pick<Deps, "config">, principal: Principal): RealtimeToken {
  if (deps.config.realtimeDriver !== "supabase")
    throw new AppError("not_found", "Supabase Realtime is not the configured realtime driver (REALTIME_DRIVER).");
  assertScope(principal, "hitl:answer");
  return mintRealtimeToken(deps.config, realtimeAudience(principal));
}
