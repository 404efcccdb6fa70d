import type { Deps } from "@/lib/platform/deps";
import type { AgentPlatformId } from "@/lib/platform/agent-platform-ids";
import type { Tool } from "@/lib/transports/tools/define-tool";

/**
 * The agent-platform port: how a voice platform (Retell, Vapi, …) reaches Switchboard's tools and reports
 * its calls. One implementation per folder beside this file; the shared entry
 * (handle-function-call.ts) does the API key, the body limit, the scopes and the tool runs, so a platform
 * only says how its requests look, how they are signed and how its answers must be shaped.
 *
 * Around it: call webhooks settle through the calls domain (`storePlatformCall`), outbound calls go through
 * the telephony port (an adapter in lib/adapters/telephony/<id>, chosen per account by
 * lib/domains/calls/platform-telephony.ts), and the connect page renders `toolDefinitions`.
 */

/** One tool call the platform asked for; `id` is the platform's own (Vapi's toolCallId), echoed in the response. */
export type PlatformToolCall = { id?: string; tool: Tool; args: Record<string, unknown> };

/** One tool call's outcome, as a voice agent reads it (`message` first), before the platform wraps it. */
export type PlatformToolResult = { id?: string; tool: string; body: Record<string, unknown> };

/** What a function-call request carries, once parsed: the tools to run and the call they run in. */
export type PlatformRequest<Call> = { calls: PlatformToolCall[]; call?: Call };

export interface AgentPlatform<Call = unknown> {
  readonly id: AgentPlatformId;
  /** As people know it ("Retell"): in error messages and on the connect page. */
  readonly label: string;
  /** The largest function-call request read (the call object carries the transcript so far). */
  readonly maxBodyBytes: number;
  /** How long ask_human may wait on this platform for this account (below the platform's tool timeout). */
  maxWaitSeconds(deps: Deps, accountId: string): Promise<number>;
  /**
   * The platform's signature over the raw bytes, when the account stored a secret for it: throws the 401
   * naming the header. Without a stored secret the API key alone is the credential.
   */
  verifyFunctionCall(deps: Deps, a: { accountId: string; raw: Uint8Array; headers: Headers }): Promise<void>;
  /** The platform's body into tool calls (400 for anything malformed: the platform must not retry it). */
  parseFunctionCall(body: unknown, url: URL): PlatformRequest<Call>;
  /** The call's context into a tool's arguments: ask_human's caller context and ids, get_human_answer's session. */
  argsWithCall(
    tool: string,
    args: Record<string, unknown>,
    call: Call | undefined,
    limits: { maxWaitSeconds: number },
  ): Record<string, unknown>;
  /** Before the tools run: remember what the platform needs later (Vapi's live-call control URL). */
  rememberCall?(deps: Deps, a: { accountId: string; call: Call }): Promise<void>;
  /** The results as the platform's response body. */
  respond(results: PlatformToolResult[]): unknown;
  /** The platform's call webhook (POST /api/webhooks/<id>): verified, then settled through the calls domain (storePlatformCall). */
  handleWebhook(deps: Deps, req: Request): Promise<Record<string, unknown>>;
  /** Every tool as the platform's own tool definition, ready to paste (the connect page renders them). */
  toolDefinitions(opts: { baseUrl: string; maxWaitSeconds: number }): unknown[];
}
