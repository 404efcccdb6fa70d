import { listModels, listVoices } from "@/lib/domains/calls/catalog";
import { getCredits } from "@/lib/domains/credits/account-credits";
import { getCallDetails } from "@/lib/domains/calls/get-call";
import { getCallPreferences } from "@/lib/domains/calls/preferences";
import { getAccountProfile } from "@/lib/domains/accounts/accounts";
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
      const account = await getAccountProfile(deps.db, principal.accountId);
      return { account, callPreferences: await getCallPreferences(deps, principal), provider: deps.telephony.name };
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
