import { and, asc, eq, gt } from "drizzle-orm";
import type { Deps } from "@/lib/platform/deps";
import { caseMessages, type MessageRow } from "@/lib/adapters/db/schema";
import { getCaseOrThrow } from "@/lib/domains/hitl/get-case";

// A case's thread: read whole (the MCP case resource) or as a long poll for what is new (the REST messages route).

/** A case of the account with its whole thread (the MCP resource switchboard://cases/{caseId}). */
export async function getCaseWithMessages(deps: Deps, accountId: string, caseId: string) {
  const row = await getCaseOrThrow(deps.db, accountId, caseId);
  return { case: row, messages: await messagesAfter(deps, caseId, 0) };
}

async function messagesAfter(deps: Deps, caseId: string, after: number): Promise<MessageRow[]> {
  return deps.db
    .select()
    .from(caseMessages)
    .where(and(eq(caseMessages.caseId, caseId), gt(caseMessages.id, after)))
    .orderBy(asc(caseMessages.id))
    .limit(500);
}

/**
 * Long poll: messages newer than `after` at once if there are any, else waits up to `waitSeconds`
 * for the next one (woken by the event bus; the final read catches anything the bus missed).
 */
export async function listMessages(
  deps: Deps,
  accountId: string,
  caseId: string,
  q: { after: number; waitSeconds: number; signal?: AbortSignal },
) {
  await getCaseOrThrow(deps.db, accountId, caseId);
  if (q.waitSeconds <= 0) return messagesAfter(deps, caseId, q.after);
  let wake = () => {};
  const woken = new Promise<void>((r) => (wake = r));
  const unsubscribe = await deps.bus.subscribe(`case:${caseId}`, () => wake());
  try {
    const first = await messagesAfter(deps, caseId, q.after);
    if (first.length) return first;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, q.waitSeconds * 1000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      woken.then(done);
      q.signal?.addEventListener("abort", done, { once: true });
    });
    return messagesAfter(deps, caseId, q.after);
  } finally {
    unsubscribe();
  }
}
