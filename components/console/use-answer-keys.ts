"use client";

import { useCallback } from "react";
import type { useOpenCase } from "@/components/console/use-open-case";
import type { useQueue } from "@/components/console/use-queue";
import type { ConsoleMember } from "@/components/console/types";

type Opts = { oc: ReturnType<typeof useOpenCase>; q: ReturnType<typeof useQueue>; me: ConsoleMember; selectedId: string | null };

/** The answer box, when it takes text: not disabled, not read-only (a case someone else holds, or one being sent). */
const editableBox = (el: HTMLTextAreaElement | null) => (el && !el.disabled && !el.readOnly ? el : null);

/**
 * The keys that take an operator from the queue into the answer: Enter (open and claim), r (into the
 * box) and type-ahead. Enter's state updates render before the next key event is dispatched (React
 * flushes updates from discrete events like keydown synchronously, in a microtask), so the next key,
 * however soon, finds the box there and editable; r and type-ahead then move focus inside their own
 * keydown. Focus never moves after the fact (no effect, no animation frame, no waiting on the claim),
 * which is what let a trailing `r` become text and let keys typed during the claim fall on the floor.
 */
export function useAnswerKeys({ oc, q, me, selectedId }: Opts) {
  /**
   * Enter: open the selected case and claim it (optimistically: its box is editable at once). Focus stays put.
   * Only a case still in the queue: once the selected one is answered or closed, Enter takes the next open
   * case, or says there is none (never a claim on a finished case, which could only fail).
   */
  const openAndClaim = useCallback(() => {
    const selected = selectedId ? q.queue.find((c) => c.id === selectedId) : undefined;
    const id = selected?.id ?? q.queue.find((c) => c.status === "open")?.id;
    if (!id) {
      oc.setNotice({ kind: "info", text: "Nothing to claim: no case is waiting. New ones appear in the queue." });
      return;
    }
    const c = q.cases.get(id);
    const mine = c?.status === "claimed" && c.claimedBy?.type === "member" && c.claimedBy.id === me.id;
    oc.open(id);
    if (!mine) void oc.claim(id);
  }, [selectedId, q.queue, q.cases, oc, me.id]);

  /** r (or the Claim button): focus the answer box, caret at the end. The r itself is consumed by the shortcut map. */
  const focusReply = useCallback(() => {
    const el = editableBox(oc.composerRef.current);
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [oc.composerRef]);

  /**
   * A printable key that is not a shortcut, typed outside a text field while the open case is ours (or
   * being claimed): it is the first letter of the answer. It goes into the box and the box takes focus,
   * so the rest of the word follows it there.
   */
  const typeAhead = useCallback(
    (key: string): boolean => {
      const el = editableBox(oc.composerRef.current);
      if (!el) return false;
      const text = oc.draftRef.current + key;
      // Written to the element too, so the caret can go after it now; the state follows in the same tick.
      el.value = text;
      oc.setDraft(text);
      el.focus();
      el.setSelectionRange(text.length, text.length);
      return true;
    },
    [oc],
  );

  /** The Claim button: claim, then straight into the box once it has rendered editable (a mouse user is about to type). */
  const claimAndFocus = useCallback(
    (id: string) => {
      void oc.claim(id);
      queueMicrotask(() => requestAnimationFrame(focusReply));
    },
    [oc, focusReply],
  );

  return { openAndClaim, focusReply, typeAhead, claimAndFocus };
}
