"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { consoleApi, ConsoleApiError } from "@/components/console/api-client";
import type { ConsoleCase, ConsoleMessage } from "@/components/console/types";

type Notice = { kind: "error" | "info"; text: string } | null;

/** The case in the panel: its thread, claiming it and answering it. */
export function useOpenCase(opts: { cases: Map<string, ConsoleCase>; upsert: (c: ConsoleCase) => void; refresh: (id: string) => Promise<void> }) {
  const { cases, upsert, refresh } = opts;
  const [openId, setOpenId] = useState<string | null>(null);
  const [messages, setMessages] = useState<ConsoleMessage[]>([]);
  const [claiming, setClaiming] = useState(false);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [draft, setDraftState] = useState("");
  // Drafts survive switching cases: opening another case by mistake must not lose a half-typed answer.
  const drafts = useRef(new Map<string, string>());
  const openIdRef = useRef<string | null>(null);
  const setDraft = useCallback((v: string) => {
    if (openIdRef.current) drafts.current.set(openIdRef.current, v);
    setDraftState(v);
  }, []);
  const composerRef = useRef<HTMLTextAreaElement | null>(null);
  const current = openId ? (cases.get(openId) ?? null) : null;

  const open = useCallback(
    (id: string | null) => {
      setOpenId(id);
      openIdRef.current = id;
      setNotice(null);
      setDraftState(id ? (drafts.current.get(id) ?? "") : "");
      setMessages([]);
      if (!id) return;
      if (!cases.has(id)) void refresh(id);
      consoleApi.messages(id).then(setMessages, () => {});
    },
    [cases, refresh],
  );

  // A new message on the open case (the agent added context) shows up in the thread.
  const updatedAt = current?.updatedAt;
  useEffect(() => {
    if (openId) consoleApi.messages(openId).then(setMessages, () => {});
  }, [openId, updatedAt]);

  const claim = useCallback(
    async (id: string): Promise<boolean> => {
      setClaiming(true);
      setNotice(null);
      try {
        upsert(await consoleApi.claim(id));
        return true;
      } catch (e) {
        const holder = (e as ConsoleApiError).details?.claimedBy as { name?: string } | undefined;
        setNotice({ kind: "error", text: holder?.name ? `${holder.name} already claimed this case.` : (e as Error).message });
        void refresh(id);
        return false;
      } finally {
        setClaiming(false);
      }
    },
    [upsert, refresh],
  );

  const send = useCallback(
    async (id: string, text: string): Promise<boolean> => {
      if (!text.trim() || sending) return false;
      setSending(true);
      setNotice(null);
      try {
        upsert(await consoleApi.answer(id, text));
        drafts.current.delete(id);
        if (openIdRef.current === id) setDraftState("");
        return true;
      } catch (e) {
        setNotice({ kind: "error", text: (e as Error).message });
        void refresh(id);
        return false;
      } finally {
        setSending(false);
      }
    },
    [upsert, refresh, sending],
  );

  return { openId, current, messages, claiming, sending, notice, setNotice, draft, setDraft, composerRef, open, claim, send };
}
