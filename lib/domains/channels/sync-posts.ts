import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { cases, channelPosts } from "@/lib/adapters/db/schema";
import { holderNames, toPublicCase } from "@/lib/domains/hitl/case-view";
import { channelByName } from "@/lib/domains/channels/registry";
import type { Deps } from "@/lib/platform/deps";
import { log } from "@/lib/platform/log";

/**
 * Brings every posted message whose case moved on (claimed, answered, closed — from any channel) up to date,
 * and records what it now shows. Run right after a claim or an answer (Deps.kick "channel-posts") and by the
 * maintenance pass as the safety net; two runs at once at worst update a message twice with the same content.
 */
export async function syncChannelPosts(deps: Deps, opts: { caseId?: string; limit?: number } = {}): Promise<number> {
  const rows = await deps.db
    .select({ post: channelPosts, row: cases })
    .from(channelPosts)
    .innerJoin(cases, eq(cases.id, channelPosts.caseId))
    .where(
      and(
        inArray(channelPosts.shownStatus, ["open", "claimed"]),
        ne(channelPosts.shownStatus, cases.status),
        opts.caseId ? eq(channelPosts.caseId, opts.caseId) : sql`true`,
      ),
    )
    .limit(opts.limit ?? 50);
  let updated = 0;
  for (const { post, row } of rows) {
    try {
      const holder = toPublicCase(row, await holderNames(deps.db, [row])).claimedBy?.name ?? null;
      await channelByName(post.channel).showCase?.(deps, post, row, holder);
      await deps.db.update(channelPosts).set({ shownStatus: row.status }).where(eq(channelPosts.id, post.id));
      updated++;
    } catch (e) {
      log.warn({ caseId: row.id, channel: post.channel, err: e instanceof Error ? e.message : String(e) }, "channel post update deferred");
    }
  }
  return updated;
}

// Per database: whether a kicked sync is running, and whether another kick came in meanwhile.
const inFlight = new WeakMap<object, { again: boolean }>();

/**
 * The kick's entry (Deps.kick "channel-posts", after every claim and answer): a burst of answers runs one sync at
 * a time per database, plus one more if any kick arrived while it ran, rather than one query per answer.
 */
export async function syncChannelPostsKicked(deps: Deps): Promise<void> {
  const running = inFlight.get(deps.db);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: true };
  inFlight.set(deps.db, state);
  try {
    while (state.again) {
      state.again = false;
      await syncChannelPosts(deps);
    }
  } finally {
    inFlight.delete(deps.db);
  }
}
