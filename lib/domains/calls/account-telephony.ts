import type { Deps } from "@/lib/platform/deps";
import type { CallRow } from "@/lib/adapters/db/schema";
import { withDeps } from "@/lib/platform/deps";
import type { TelephonyPort } from "@/lib/adapters/telephony/port";
import type { AgentPlatformId } from "@/lib/platform/agent-platform-ids";

/** An agent platform that can place an account's calls through the account's own agent (its telephony adapter, built per account). */
export type PlatformTelephony = {
  provider: AgentPlatformId;
  /** The adapter for this account, or null when it does not place calls through this platform. */
  forAccount(deps: Deps, accountId: string): Promise<TelephonyPort | null>;
};

/**
 * In order: an account that connected several platforms for calls places them through the first. Each loads on
 * first use (its credentials and adapter), so routes whose calls never go through a platform stay small.
 */
const PLATFORM_TELEPHONY: readonly { provider: AgentPlatformId; load: () => Promise<PlatformTelephony> }[] = [
  { provider: "retell", load: async () => (await import("@/lib/domains/retell/account-telephony")).retellAccountTelephony },
  { provider: "vapi", load: async () => (await import("@/lib/domains/vapi/account-telephony")).vapiAccountTelephony },
];

/**
 * The deps a new call of this account goes out with: the account's own agent platform when it chose one
 * (Admin → Connect Retell or Connect Vapi), else the process's provider. Credits, ids and persistence are the same either way.
 */
export async function withAccountTelephony(deps: Deps, accountId: string): Promise<Deps> {
  for (const p of PLATFORM_TELEPHONY) {
    const port = await (await p.load()).forAccount(deps, accountId);
    if (port) return withDeps(deps, { telephony: port });
  }
  return deps;
}

/** The adapter that speaks for an existing call (its own provider), or null when that provider is not available here. */
export async function telephonyForCall(deps: Deps, row: Pick<CallRow, "provider" | "accountId">): Promise<TelephonyPort | null> {
  if (row.provider === deps.telephony.name) return deps.telephony;
  const platform = PLATFORM_TELEPHONY.find((p) => p.provider === row.provider);
  return platform ? (await platform.load()).forAccount(deps, row.accountId) : null;
}
