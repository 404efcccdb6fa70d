"use client";

import { useCallback, useEffect, useState } from "react";
import { CasePanel } from "@/components/console/case-panel";
import { ConsoleFrame } from "@/components/console/console-frame";
import { QueueList } from "@/components/console/queue-list";
import { consoleApi } from "@/components/console/api-client";
import { expandShortcuts } from "@/lib/domains/canned-replies/expand-shortcut";
import { useAnswerKeys } from "@/components/console/use-answer-keys";
import { useAlerts, useTabTitle } from "@/components/console/use-alerts";
import { useCaseFeed } from "@/components/console/use-case-feed";
import { useNow } from "@/components/console/use-now";
import { useOpenCase } from "@/components/console/use-open-case";
import { useQueue } from "@/components/console/use-queue";
import { useShortcuts } from "@/components/console/use-shortcuts";
import { useSaveToMemory } from "@/components/console/use-save-to-memory";
import { SendTestEscalationButton, TestEscalationStatus, useTestEscalation } from "@/components/console/test-escalation";
import type { CannedReply, ConsoleCase, ConsoleMember } from "@/components/console/types";

/**
 * Focus a queue row now when it is on the page (so an Enter typed right after j/k reaches it), else on
 * the next frame, once React has rendered it.
 */
const focusRow = (id: string | undefined) => {
  if (!id) return;
  const row = document.getElementById(`row-${id}`);
  if (row) row.focus();
  else requestAnimationFrame(() => document.getElementById(`row-${id}`)?.focus());
};

/** The operator console: the live queue on the left, the open case on the right, all of it keyboard-driven. */
export function ConsoleApp({ me, initialCaseId }: { me: ConsoleMember; initialCaseId?: string }) {
  const alerts = useAlerts();
  const q = useQueue({ onNewCase: alerts.announceNew });
  useTabTitle(q.openCount);
  const feed = useCaseFeed(q.handleEvent);
  const oc = useOpenCase({ cases: q.cases, upsert: q.upsert, refresh: q.refresh });
  const now = useNow(1000);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [replies, setReplies] = useState<CannedReply[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);
  const test = useTestEscalation(q.queue);
  // "Waiting" means an agent is still on the line; a case past its agent's deadline is in the queue, unclaimed perhaps, but nobody waits.
  const waiting = q.queue.filter((c) => Date.parse(c.waitDeadlineAt) > now).length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page load: the replies list and the case named in the URL
  useEffect(() => {
    consoleApi.cannedReplies().then(setReplies, () => {});
    if (initialCaseId) oc.open(initialCaseId);
  }, []);

  // Keep a selection on the queue so Enter always has a target.
  useEffect(() => {
    if (!q.queue.length) return;
    if (!selectedId || !q.queue.some((c) => c.id === selectedId)) setSelectedId(q.queue[0]!.id);
  }, [q.queue, selectedId]);

  const move = (delta: number) => {
    if (!q.queue.length) return;
    const i = q.queue.findIndex((c) => c.id === selectedId);
    const next = q.queue[Math.max(0, Math.min(q.queue.length - 1, i < 0 ? 0 : i + delta))]!;
    setSelectedId(next.id);
    focusRow(next.id);
  };

  const keys = useAnswerKeys({ oc, q, me, selectedId });
  const save = useSaveToMemory(me, oc.current, oc.draft);

  const send = useCallback(
    async (choice?: string, target?: ConsoleCase) => {
      // target: a case pick() opened in this same event (oc.current shows it only after the next render).
      const c = target ?? oc.current;
      // A send typed while the claim is still in flight waits for it (useOpenCase); if the claim is lost, nothing is sent.
      // A choice comes from pick(), which has just checked the case (or started its claim in this same event).
      if (!c || (!choice && c.status !== "claimed" && oc.claimingId !== c.id)) return;
      const text = expandShortcuts(oc.draftRef.current, replies).text;
      if (c.choicesOnly && !choice) {
        oc.setNotice({ kind: "info", text: `This case takes one of its choices: press 1–${c.choices?.length ?? 0} or click one.` });
        return;
      }
      if (!(await oc.send(c.id, text, choice))) return;
      // A choice alone is the answer's words: that is what is remembered (and carries the choice again).
      void save.saveIfWanted(c, text.trim() ? text : (choice ?? text));
      alerts.setAnnouncement("Answer sent.");
      // On to the next case: open it (unclaimed) with its row focused, so Enter claims it.
      const next = q.queue.find((x) => x.id !== c.id && x.status === "open");
      if (next) {
        setSelectedId(next.id);
        oc.open(next.id);
        focusRow(next.id);
      } else {
        // Nothing left to answer: back to the queue (on a phone the case covers it), so no key acts on a finished case.
        oc.open(null);
        oc.setNotice({ kind: "info", text: "Answer sent. The queue is clear." });
        focusRow(q.queue.find((x) => x.id !== c.id)?.id);
      }
    },
    [oc, replies, q.queue, alerts, save],
  );

  /**
   * A choice (its button or its digit): sent at once, with any words in the box. The digit acts on the open
   * case, or with none open on the queue's selected case (its row lists the numbered choices), which it opens.
   * An open case is claimed first (optimistically, as Enter does), so one key answers; a case someone else
   * holds is left alone.
   */
  const pick = (n: number): boolean => {
    const c = oc.current ?? (selectedId ? q.cases.get(selectedId) : undefined);
    const choice = c?.choices?.[n - 1];
    if (!c || !choice || oc.sending) return false;
    const mine = c.status === "claimed" && c.claimedBy?.type === "member" && c.claimedBy.id === me.id;
    if (!mine && oc.claimingId !== c.id && c.status !== "open") return false;
    if (!oc.current) oc.open(c.id);
    if (!mine && oc.claimingId !== c.id) void oc.claim(c.id);
    void send(choice, c);
    return true;
  };

  const back = () => {
    if (helpOpen) return setHelpOpen(false);
    const active = document.activeElement as HTMLElement | null;
    if (active && oc.composerRef.current === active) {
      active.blur();
      return focusRow(oc.openId ?? selectedId ?? undefined);
    }
    if (oc.openId) {
      const id = oc.openId;
      oc.open(null);
      return focusRow(q.queue.some((c) => c.id === id) ? id : (selectedId ?? undefined));
    }
  };

  useShortcuts(
    {
      next: () => move(1),
      prev: () => move(-1),
      openAndClaim: keys.openAndClaim,
      focusReply: keys.focusReply,
      typeAhead: keys.typeAhead,
      pick,
      send: () => void send(),
      back,
      help: () => setHelpOpen(true),
    },
    !helpOpen,
  );

  return (
    <ConsoleFrame me={me} current="queue" feed={feed} alerts={alerts} helpOpen={helpOpen} setHelpOpen={setHelpOpen}>
      <div className={`cx-split${oc.current ? " cx-split-open" : ""}`}>
        <section className="cx-queue-pane" aria-labelledby="queue-title">
          <h1 id="queue-title" className="cx-pane-title">
            Queue{" "}
            <span className="cx-count" data-testid="open-count">
              {waiting} waiting · {q.openCount} unclaimed
            </span>
          </h1>
          {q.error && (
            <p role="alert" className="cx-notice cx-notice-error">
              {q.error}
            </p>
          )}
          {/* With no case open, what the keys just did is said here: on a phone the case pane is not shown then. */}
          {!oc.current && oc.notice && (
            <p role="status" className="cx-notice cx-notice-info" data-testid="queue-notice">
              {oc.notice.text}
            </p>
          )}
          <TestEscalationStatus state={test.state} onDismiss={test.dismiss} />
          <QueueList
            queue={q.queue}
            selectedId={selectedId}
            openId={oc.openId}
            me={me}
            now={now}
            loaded={q.loaded}
            onOpen={(id) => {
              setSelectedId(id);
              oc.open(id);
            }}
            onSelect={setSelectedId}
            emptyAction={<SendTestEscalationButton state={test.state} onSend={() => void test.send()} />}
          />
          <p className="cx-muted cx-hint">
            <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> claim · <kbd>r</kbd> answer · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> send ·{" "}
            <kbd>?</kbd> all shortcuts
          </p>
        </section>
        <section className="cx-case-pane" aria-label="Case">
          {oc.current ? (
            <CasePanel
              c={oc.current}
              messages={oc.messages}
              me={me}
              now={now}
              claimPending={oc.claimingId === oc.current.id}
              notice={oc.notice}
              draft={oc.draft}
              setDraft={oc.setDraft}
              replies={replies}
              sending={oc.sending}
              composerRef={oc.composerRef}
              onClaim={() => keys.claimAndFocus(oc.current!.id)}
              onSend={() => void send()}
              onPick={(choice) => pick((oc.current?.choices ?? []).indexOf(choice) + 1)}
              onClose={back}
              save={save}
            />
          ) : (
            <div className="cx-empty cx-case-empty">
              <p>Select a case to see the whole conversation.</p>
            </div>
          )}
        </section>
      </div>
    </ConsoleFrame>
  );
}
