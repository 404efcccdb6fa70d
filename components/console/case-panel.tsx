"use client";

import type { RefObject } from "react";
import { CallerInfo } from "@/components/console/caller-info";
import { holderLabel, PagedBadge, PriorityBadges, VoiceBadge } from "@/components/console/case-badges";
import { Conversation } from "@/components/console/conversation";
import { Countdown } from "@/components/console/countdown";
import { lateAnswerDeliveryText, lateAnswerRoute } from "@/components/console/late-answer";
import { ReplyComposer } from "@/components/console/reply-composer";
import { ChoiceButtons } from "@/components/console/choice-buttons";
import { MemoryPanel } from "@/components/console/memory-panel";
import { LadderSteps } from "@/components/console/ladder-steps";
import type { SaveToMemory } from "@/components/console/use-save-to-memory";
import { Button } from "@/components/ui/button";
import type { CannedReply, ConsoleCase, ConsoleMember, ConsoleMessage } from "@/components/console/types";

type Props = {
  c: ConsoleCase;
  messages: ConsoleMessage[];
  me: ConsoleMember;
  now: number;
  /** Our claim on this case is in flight: the box is already editable (the claim is optimistic). */
  claimPending: boolean;
  notice: { kind: "error" | "info"; text: string } | null;
  draft: string;
  setDraft: (v: string) => void;
  replies: CannedReply[];
  sending: boolean;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  onClaim: () => void;
  onSend: () => void;
  /** A choice's button: sends it (claiming an open case first). */
  onPick: (choice: string) => void;
  onClose: () => void;
  /** Answer memory: the "Save as a reusable answer" toggle (suggestions show without it). */
  save?: SaveToMemory;
};

const closedText = (c: ConsoleCase) =>
  c.status === "answered"
    ? `Answered by ${c.answeredBy?.name ?? "someone"}`
    : c.status === "expired"
      ? "Expired without an answer"
      : "Cancelled by the agent";

/** One case: what was asked, the countdown, claim and the answer box; beside it the agent's context and the caller. */
export function CasePanel({
  c,
  messages,
  me,
  now,
  claimPending,
  notice,
  draft,
  setDraft,
  replies,
  sending,
  composerRef,
  onClaim,
  onSend,
  onPick,
  onClose,
  save,
}: Props) {
  const holder = holderLabel(c, me);
  const mine = holder === "You";
  const live = c.status === "open" || c.status === "claimed";
  const editable = mine || (claimPending && c.status === "open");
  const late = live && Date.parse(c.waitDeadlineAt) <= now ? lateAnswerRoute(c) : null;
  return (
    <article className="cx-case" aria-labelledby="case-question">
      <header className="cx-case-head">
        <div className="cx-row-top">
          <PriorityBadges c={c} />
          <VoiceBadge c={c} />
          <PagedBadge c={c} />
          <span className="cx-spacer" />
          {live && <Countdown deadline={c.waitDeadlineAt} now={now} size="lg" />}
          <Button variant="ghost" size="sm" onClick={onClose} aria-keyshortcuts="Escape" title="Back to the queue (Esc)">
            {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a kbd is not focusable (the button is); hidden so the name stays "Close", aria-keyshortcuts announces Esc */}
            Close <kbd aria-hidden="true">Esc</kbd>
          </Button>
        </div>
        {/* A long question scrolls in its own box, so the answer box and the caller stay on screen. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scroll box must be focusable for keyboard users; kept a div so the layout CSS and the tests' region query stay as they are */}
        <div className="cx-question-box" tabIndex={0} role="region" aria-label="Question">
          <h2 id="case-question" className="cx-case-question">
            {c.question}
          </h2>
        </div>
        <p className="cx-status-line" data-testid="case-status">
          {live ? (holder ? `Claimed by ${holder}` : claimPending ? "Claiming for you…" : "Unclaimed — claim it to answer") : closedText(c)}
        </p>
      </header>

      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the side panel scrolls on its own, so keyboard users must be able to focus it */}
      <aside className="cx-case-side" aria-label="Context and caller" tabIndex={0}>
        <section className="cx-section" data-testid="case-context">
          <h3>Context from the agent</h3>
          {c.context ? <p className="cx-pre">{c.context}</p> : <p className="cx-muted">None given.</p>}
        </section>
        <section className="cx-section" data-testid="case-caller">
          <h3>Caller</h3>
          <CallerInfo info={c.callerInfo} />
          {(c.callId || c.agentId) && (
            <p className="cx-muted">
              {c.callId && <>Call {c.callId}. </>}
              {c.agentId && <>Agent {c.agentId}.</>}
            </p>
          )}
        </section>
        <LadderSteps caseId={c.id} status={c.status} />
      </aside>

      <div className="cx-case-body">
        {late && (
          <p role="status" className={`cx-notice ${late.reaches ? "cx-notice-info" : "cx-notice-warn"}`} data-testid="late-answer">
            {late.text} Answer before {new Date(c.expiresAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}, when the case
            expires.
          </p>
        )}
        {notice && (
          <p role={notice.kind === "error" ? "alert" : "status"} className={`cx-notice cx-notice-${notice.kind}`}>
            {notice.text}
          </p>
        )}

        {c.status === "answered" && c.answer && (
          <section className="cx-section">
            <h3>Answer</h3>
            {c.choice && (
              <p className="cx-picked" data-testid="picked-choice">
                Picked: <strong>{c.choice}</strong>
              </p>
            )}
            {c.answer !== c.choice && <p className="cx-answer">{c.answer}</p>}
          </section>
        )}
        {c.status === "answered" && c.lateAnswerDelivery && (
          <p role="status" className="cx-notice cx-notice-info" data-testid="late-answer-delivery">
            {lateAnswerDeliveryText(c.lateAnswerDelivery)}
          </p>
        )}

        {live && !mine && (
          <Button className="cx-claim" onClick={onClaim} disabled={claimPending || c.status !== "open"}>
            {claimPending ? "Claiming…" : c.status === "open" ? "Claim (Enter)" : `Held by ${holder}`}
          </Button>
        )}
        {live && (
          <MemoryPanel
            c={c}
            editable={editable}
            save={save}
            onInsert={(text) => {
              setDraft(draft.trim() ? `${draft.trimEnd()} ${text}` : text);
              composerRef.current?.focus();
            }}
          />
        )}
        {live && (
          <ChoiceButtons
            c={c}
            enabled={!sending && (editable || (c.status === "open" && !holder))}
            withWords={!!draft.trim()}
            onPick={onPick}
          />
        )}
        {live && (
          <ReplyComposer
            ref={composerRef}
            value={draft}
            onChange={setDraft}
            replies={replies}
            editable={editable}
            sending={sending}
            onSend={onSend}
            choicesOnly={!!c.choicesOnly}
            hint={c.status === "open" ? "Claim the case to answer it." : `${holder} is answering this one.`}
          />
        )}
        <section className="cx-section">
          <h3>Conversation</h3>
          <Conversation c={c} messages={messages} />
        </section>
      </div>
    </article>
  );
}
