"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { consoleApi } from "@/components/console/api-client";
import { isLive, sortQueue } from "@/components/console/queue-order";
import type { ConsoleCase } from "@/components/console/types";

/** What the realtime feed tells the queue: a case changed (refetch it by id), or "you may have missed some" (reload all). */
export type FeedEvent = { type: "resync" } | { type: string; caseId: string };

/**
 * The live queue: loaded once, then kept current by realtime events. Each event triggers a refetch of
 * that one case over our own API (events carry ids only), so the text never travels through a vendor.
 */
export function useQueue(opts: { onNewCase?: (c: ConsoleCase) => void }) {
  const [cases, setCases] = useState<Map<string, ConsoleCase>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const known = useRef(new Set<string>());
  const initialized = useRef(false);
  const onNew = useRef(opts.onNewCase);
  onNew.current = opts.onNewCase;
  const casesRef = useRef(cases);
  casesRef.current = cases;
  const refreshRef = useRef<(id: string) => Promise<void>>(async () => {});

  const upsert = useCallback((c: ConsoleCase) => {
    setCases((prev) => {
      const old = prev.get(c.id);
      // Late responses must not roll a case back to an older state.
      if (old && Date.parse(old.updatedAt) > Date.parse(c.updatedAt)) return prev;
      const next = new Map(prev);
      next.set(c.id, c);
      return next;
    });
  }, []);

  // A full reload can race with per-case updates (its response may be older than an event we already
  // applied), so it merges by updatedAt like everything else instead of replacing the map.
  const reload = useCallback(async () => {
    try {
      const rows = await consoleApi.liveCases();
      const listed = new Set(rows.map((c) => c.id));
      setCases((prev) => {
        const next = new Map(prev);
        for (const c of rows) {
          const old = prev.get(c.id);
          if (!old || Date.parse(old.updatedAt) <= Date.parse(c.updatedAt)) next.set(c.id, c);
        }
        return next;
      });
      // Cases we show as live that the server no longer lists closed while we were not looking.
      for (const [id, c] of casesRef.current) if (isLive(c) && !listed.has(id)) void refreshRef.current(id);
      // After a gap (reconnect), cases we had not seen yet are new arrivals: alert for them too.
      const first = !initialized.current;
      initialized.current = true;
      for (const c of rows) {
        if (!known.current.has(c.id) && !first) onNew.current?.(c);
        known.current.add(c.id);
      }
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoaded(true);
    }
  }, []);

  const refresh = useCallback(
    async (caseId: string) => {
      try {
        const c = await consoleApi.getCase(caseId);
        const isNew = !known.current.has(c.id);
        known.current.add(c.id);
        upsert(c);
        if (isNew && isLive(c)) onNew.current?.(c);
      } catch {
        // Gone or not ours: nothing to show.
      }
    },
    [upsert],
  );

  refreshRef.current = refresh;

  const handleEvent = useCallback(
    (e: FeedEvent) => {
      if (e.type === "resync") void reload();
      else if ("caseId" in e) void refresh(e.caseId);
    },
    [reload, refresh],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  const queue = useMemo(() => sortQueue(cases.values()), [cases]);
  const openCount = useMemo(() => queue.filter((c) => c.status === "open").length, [queue]);
  return { cases, queue, openCount, loaded, error, upsert, reload, refresh, handleEvent };
}
