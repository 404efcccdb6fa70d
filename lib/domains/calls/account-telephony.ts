import type { Deps } from "@/lib/platform/deps";
import type { CallRow } from "@/lib/adapters/db/schema";
import { withDeps } from "@/lib/platform/deps";
import { getRetellCallSettings } from "@/lib/domains/retell/credentials";
import { createRetellTelephony } from "@/lib/adapters/telephony/retell";
import type { TelephonyPort } from "@/lib/adapters/telephony/port";

/** The Retell adapter for an account that places its calls through its own Retell agent, else null. */
async function retellFor(deps: Deps, accountId: string): Promise<TelephonyPort | null> {
  const s = await getRetellCallSettings(deps.db, accountId);
  if (!s) return null;
  return createRetellTelephony({
    ...s,
    baseUrl: deps.config.RETELL_BASE_URL.replace(/\/+$/, ""),
    timeoutMs: deps.config.RETELL_TIMEOUT_MS,
    maxRetries: 2,
  });
}

/**
 * The deps a new call of this account goes out with: the account's Retell agent when it chose that
 * (Admin → Connect Retell), else the process's provider. Credits, ids and persistence are the same either way.
 */
export async function withAccountTelephony(deps: Deps, accountId: string): Promise<Deps> {
  const retell = await retellFor(deps, accountId);
  return retell ? withDeps(deps, { telephony: retell }) : deps;
}

/** The adapter that speaks for an existing call (its own provider), or null when that provider is not available here. */
export async function telephonyForCall(deps: Deps, row: Pick<CallRow, "provider" | "accountId">): Promise<TelephonyPort | null> {
  if (row.provider === deps.telephony.name) return deps.telephony;
  if (row.provider === "retell") return retellFor(deps, row.accountId);
  return null;
}
