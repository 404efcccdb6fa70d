import { ResourceNotFoundError, ResourceTemplate, type McpServer } from "@modelcontextprotocol/server";
import { eq } from "drizzle-orm";
import { accounts } from "@/lib/db/schema";
import { isAppError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import type { CallsDeps } from "@/lib/calls/deps";
import { getDeps } from "@/lib/deps";
import { listModels, listVoices } from "@/lib/calls/catalog";
import { getCredits } from "@/lib/calls/credits-account";
import { getCallDetails } from "@/lib/calls/get-call";
import { getCallPreferences } from "@/lib/calls/preferences";
import { principalOf, type ToolContext } from "@/lib/mcp/context";
import { assertResourceScope, type ToolScopes } from "@/lib/mcp/tool-scopes";

/** Every calls resource is read-only account and call data: calls:read, like the matching tools. */
export const CALLS_RESOURCE_SCOPES: ToolScopes = ["calls:read"];

type Read = (deps: CallsDeps, principal: Principal, vars: Record<string, string | string[]>) => Promise<unknown>;

/** Wraps a reader: JSON body, and a missing or other tenant's record is "resource not found" (-32602). */
const reader = (read: Read) => async (uri: URL, ...rest: unknown[]) => {
  const [vars, ctx] = rest.length === 2 ? (rest as [Record<string, string | string[]>, unknown]) : [{}, rest[0]];
  assertResourceScope(ctx, CALLS_RESOURCE_SCOPES);
  const body = await read(await getDeps(), principalOf(ctx as ToolContext), vars).catch((e) => {
    throw isAppError(e) && e.code === "not_found" ? new ResourceNotFoundError(uri.href, e.message) : e;
  });
  return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(body, null, 2) }] };
};

const json = { mimeType: "application/json" } as const;

/** switchboard://models, voices, account, credits and calls/{callId}: the calls domain as readable context. */
export function registerCallsResources(server: McpServer) {
  server.registerResource("models", "switchboard://models", { title: "Call models", description: "Conversation models make_phone_call accepts.", ...json }, reader(async (d, p) => ({ models: await listModels(d, p) })) as never);
  server.registerResource("voices", "switchboard://voices", { title: "Call voices", description: "Voices make_phone_call accepts.", ...json }, reader(async (d, p) => ({ voices: await listVoices(d, p) })) as never);
  server.registerResource(
    "account",
    "switchboard://account",
    { title: "Account", description: "Your account's profile and call preferences.", ...json },
    reader(async (d, p) => {
      const [a] = await d.db.select({ id: accounts.id, name: accounts.name, createdAt: accounts.createdAt }).from(accounts).where(eq(accounts.id, p.accountId)).limit(1);
      return { account: a, callPreferences: await getCallPreferences(d, p), provider: d.telephony.name };
    }) as never,
  );
  server.registerResource("credits", "switchboard://credits", { title: "Credits", description: "Balance, held and available credits, recent ledger.", ...json }, reader((d, p) => getCredits(d, p)) as never);
  server.registerResource(
    "call",
    new ResourceTemplate("switchboard://calls/{callId}", { list: undefined }),
    { title: "Phone call", description: "A call with its status, cost, summary and transcript.", ...json },
    reader((d, p, v) => getCallDetails(d, p, String(v.callId))) as never,
  );
}
