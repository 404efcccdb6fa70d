"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { consoleApi, type ConsoleApiError } from "@/components/console/api-client";
import type { ConsoleCase, ConsoleMessage } from "@/components/console/types";

type Notice = { kind: "error" | "info"; text: string } | null;

/**
 * The case in the panel: its thread, claiming it and answering it.
 *
 * Claiming is optimistic: while the claim request is in flight the answer box is already editable, so
 * nothing the operator types in those ~100 ms is lost. Sending waits for the claim; if the claim is lost
 * the draft stays, sending stays off, and the notice names who holds the case.
 */
export function useOpenCase(opts: {
  cases: Map<string, ConsoleCase>;
  upsert: (c: ConsoleCase) => void;
  refresh: (id: string) => Promise<void>;
}) {
  const { cases, upsert, refresh } = opts;
  const [openId, setOpenId] = useState<string | null>(null);
  const [messages, setMessages] = useState<ConsoleMessage[]>([]);
  const [claimingId, setClaimingId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [draft, setDraftState] = useState("");
  // Drafts survive switching cases: opening another case by mistake must not lose a half-typed answer.
  const drafts = useRef(new Map<string, string>());
  const openIdRef = useRef<string | null>(null);
  const draftRef = useRef("");
  // The claim request in flight per case, so a send typed before it returns can wait for it.
  const claims = useRef(new Map<string, Promise<boolean>>());
  const sendingRef = useRef(false);
  const setDraft = useCallback((v: string) => {
    if (openIdRef.current) drafts.current.set(openIdRef.current, v);
    draftRef.current = v;
    setDraftState(v);
  }, []);
  const composerRef = useRef<HTMLTextAreaElement | null>(null);
  const current = openId ? (cases.get(openId) ?? null) : null;

  const open = useCallback(
    (id: string | null) => {
      if (id === openIdRef.current) return;
      setOpenId(id);
      openIdRef.current = id;
      setNotice(null);
      draftRef.current = id ? (drafts.current.get(id) ?? "") : "";
      setDraftState(draftRef.current);
      setMessages([]);
      if (!id) return;
      if (!cases.has(id)) void refresh(id);
      consoleApi.messages(id).then(setMessages, () => {});
    },
    [cases, refresh],
  );

  // A new message on the open case (the agent added context) shows up in the thread.
  const updatedAt = current?.updatedAt;
  // biome-ignore lint/correctness/useExhaustiveDependencies: updatedAt is the trigger: it changes when a message arrives, and the thread is fetched again
  useEffect(() => {
    if (openId) consoleApi.messages(openId).then(setMessages, () => {});
  }, [openId, updatedAt]);

  /** Starts a claim (once per case at a time) and resolves to whether it was won. */
  const claim = useCallback(
    (id: string): Promise<boolean> => {
      const inFlight = claims.current.get(id);
      if (inFlight) return inFlight;
      setClaimingId(id);
      setNotice(null);
      const p = consoleApi.claim(id).then(
        (c) => {
          upsert(c);
          return true;
        },
        (e) => {
          const holder = (e as ConsoleApiError).details?.claimedBy as { name?: string } | undefined;
          // Told on the case it concerns (the operator may have moved on to another one meanwhile).
          if (openIdRef.current === id)
            setNotice({ kind: "error", text: holder?.name ? `${holder.name} already claimed this case.` : (e as Error).message });
          void refresh(id);
          return false;
        },
      );
      claims.current.set(id, p);
      void p.finally(() => {
        claims.current.delete(id);
        setClaimingId((cur) => (cur === id ? null : cur));
      });
      return p;
    },
    [upsert, refresh],
  );

  /** Sends the answer (words, a choice, or both) once the claim on `id` (if one is in flight) is won; false when nothing was sent. */
  const send = useCallback(
    async (id: string, text: string, choice?: string): Promise<boolean> => {
      if ((!text.trim() && !choice) || sendingRef.current) return false;
      sendingRef.current = true;
      setSending(true);
      try {
        const claimed = claims.current.get(id);
        if (claimed && !(await claimed)) return false;
        setNotice(null);
        upsert(await consoleApi.answer(id, { ...(text.trim() ? { content: text } : {}), ...(choice ? { choice } : {}) }));
        drafts.current.delete(id);
        if (openIdRef.current === id) setDraft("");
        return true;
      } catch (e) {
        setNotice({ kind: "error", text: (e as Error).message });
        void refresh(id);
        return false;
      } finally {
        sendingRef.current = false;
        setSending(false);
      }
    },
    [upsert, refresh, setDraft],
  );

  return { openId, current, messages, claimingId, sending, notice, setNotice, draft, draftRef, setDraft, composerRef, open, claim, send };
}
