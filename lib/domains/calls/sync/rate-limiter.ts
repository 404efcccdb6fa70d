/**
 * Spaces calls at most `perSecond` apart across all workers of one run. One runner holds the lease at a
 * time, so this in-process limit is the job's limit against the provider.
 */
export function createRateLimiter(perSecond: number): () => Promise<void> {
  const gap = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at - now >= 1) await new Promise((r) => setTimeout(r, at - now));
  };
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function forEachConcurrent<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  const worker = async () => {
    while (i < items.length) await work(items[i++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
