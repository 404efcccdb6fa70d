import type { CaseRow, ChannelPostRow } from "@/lib/adapters/db/schema";
import type { Deps } from "@/lib/platform/deps";

/**
 * A place where a person can see and answer a case. The console is one (its queue shows every case through
 * realtime); Slack and SMS post a message per case and keep it up to date. Replies from any channel go
 * through `replyFromChannel` (reply.ts), which makes the same claimCase/postMessage calls the console makes,
 * so the claim stays atomic and the answer exactly-once across channels. A new channel is one folder with
 * an object of this shape, listed in registry.ts.
 */
export type Channel = {
  name: "console" | "slack" | "sms";
  /** Whether the account can use this channel at all (connected, someone to reach). */
  connected(deps: Deps, accountId: string): Promise<boolean>;
  /**
   * Show a new case: post a message (or several), recorded in channel_posts. Returns how many went out. A
   * failure throws an AppError whose `details.retryable` says whether trying again later may work; on a later
   * attempt (`attempt` > 1, ladder.ts) what an earlier attempt already posted is not posted again.
   */
  postCase(deps: Deps, row: CaseRow, opts?: { attempt: number }): Promise<{ posted: number; detail?: Record<string, unknown> }>;
  /** The case was claimed, answered or closed, here or elsewhere: bring one posted message up to date. */
  showCase?(deps: Deps, post: ChannelPostRow, row: CaseRow, holder: string | null): Promise<void>;
};

/** What a person did in a channel, turned into claim and answer calls by replyFromChannel. */
export type ChannelReply = { action: "claim" } | { action: "answer"; text?: string; choice?: string };

/** How it went, for the channel to tell the person. */
export type ReplyOutcome =
  | { ok: true; status: "claimed" | "answered"; caseId: string }
  | { ok: false; reason: "already_answered" | "claimed_by_other" | "closed" | "not_linked" | "invalid"; message: string };
