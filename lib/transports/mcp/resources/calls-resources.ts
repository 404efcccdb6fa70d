import { eq } from "drizzle-orm";
import { accounts } from "@/lib/adapters/db/schema";
import { listModels, listVoices } from "@/lib/domains/calls/catalog";
import { getCredits } from "@/lib/domains/credits/account-credits";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import { getCallPreferences } from "@/lib/domains/calls/preferences";
import { defineResource } from "@/lib/transports/mcp/define-resource";

// Every calls resource is read-only account and call data: calls:read, like the matching tools.

/** switchboard://models, voices, account, credits and calls/{callId}: the calls domain as readable context. */
export const CALLS_RESOURCES = [
  defineResource({
    name: "models",
    uri: "switchboard://models",
    title: "Call models",
    description: "Conversation models make_phone_call accepts.",
    scopes: ["calls:read"],
    read: async (_vars, { deps, principal }) => ({ models: await listModels(deps, principal) }),
  }),
  defineResource({
    name: "voices",
    uri: "switchboard://voices",
    title: "Call voices",
    description: "Voices make_phone_call accepts.",
    scopes: ["calls:read"],
    read: async (_vars, { deps, principal }) => ({ voices: await listVoices(deps, principal) }),
  }),
  defineResource({
    name: "account",
    uri: "switchboard://account",
    title: "Account",
    description: "Your account's profile and call preferences.",
    scopes: ["calls:read"],
    read: async (_vars, { deps, principal }) => {
      const [a] = await deps.db
        .select({ id: accounts.id, name: accounts.name, createdAt: accounts.createdAt })
        .from(accounts)
        .where(eq(accounts.id, principal.accountId))
        .limit(1);
      return { account: a, callPreferences: await getCallPreferences(deps, principal), provider: deps.telephony.name };
    },
  }),
  defineResource({
    name: "credits",
    uri: "switchboard://credits",
    title: "Credits",
    description: "Balance, held and available credits, recent ledger.",
    scopes: ["calls:read"],
    read: (_vars, { deps, principal }) => getCredits(deps, principal),
  }),
  defineResource({
    name: "call",
    uri: "switchboard://calls/{callId}",
    title: "Phone call",
    description: "A call with its status, cost, summary and transcript.",
    scopes: ["calls:read"],
    read: (vars, { deps, principal }) => getCallDetails(deps, principal, String(vars.callId)),
  }),
];
