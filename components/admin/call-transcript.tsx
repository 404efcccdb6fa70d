import type { PublicCallDetails } from "@/lib/domains/calls/schemas";
import type { CallEscalation } from "@/lib/domains/calls/call-escalations";

const at = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

type Item = { kind: "turn"; turn: PublicCallDetails["transcript"][number] } | { kind: "escalation"; e: CallEscalation };

/** Turns in order, each escalation after the last turn spoken before it was asked (unplaced ones at the end). */
function interleave(turns: PublicCallDetails["transcript"], escalations: CallEscalation[]): Item[] {
  const items: Item[] = [];
  const pending = [...escalations];
  for (const turn of turns) {
    while (pending.length && pending[0]!.atSeconds !== null && pending[0]!.atSeconds < turn.atSeconds)
      items.push({ kind: "escalation", e: pending.shift()! });
    items.push({ kind: "turn", turn });
  }
  return [...items, ...pending.map((e) => ({ kind: "escalation" as const, e }))];
}

function Escalation({ e }: { e: CallEscalation }) {
  const who = e.answeredBy
    ? `answered by ${e.answeredBy}`
    : e.status === "answered"
      ? "answered"
      : e.status === "open" || e.status === "claimed"
        ? "not answered yet"
        : e.status;
  return (
    <li className="adm-bubble adm-escalation" data-testid="call-escalation">
      <span className="who">Escalated to a person {e.atSeconds !== null && <time>{at(e.atSeconds)}</time>}</span>
      <p>
        <strong>{e.question}</strong>
      </p>
      {e.choice && (
        <p data-testid="escalation-choice">
          Picked: <strong>{e.choice}</strong>
        </p>
      )}
      {e.answer && e.answer !== e.choice && <p>“{e.answer}”</p>}
      {e.choices && e.choices.length > 0 && (
        <p className="adm-muted" data-testid="escalation-choices">
          Choices offered: {e.choices.join(" · ")}
          {e.choice ? "" : e.status === "answered" ? " (answered in words)" : ""}
        </p>
      )}
      <p className="adm-muted">
        {who}
        {e.waitSeconds !== null && <> · the caller waited {e.waitSeconds} s</>}
        {e.waitOutcome && e.waitOutcome !== "answered" && <> · the agent went on ({e.waitOutcome})</>}
      </p>
    </li>
  );
}

/** The call as a chat: the agent on the left, the person called on the right, escalations where they happened. Text is rendered as text. */
export function CallTranscript({ turns, escalations = [] }: { turns: PublicCallDetails["transcript"]; escalations?: CallEscalation[] }) {
  if (!turns.length && !escalations.length) return <p className="adm-muted">No transcript yet.</p>;
  return (
    <ol className="adm-chat" aria-label="Transcript">
      {interleave(turns, escalations).map((item, i) =>
        item.kind === "escalation" ? (
          <Escalation key={`e${item.e.caseId}`} e={item.e} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns have no id and the transcript only grows at its end, so an index names the same turn every render
          <li key={i} className={`adm-bubble ${item.turn.speaker}`}>
            <span className="who">
              {item.turn.speaker === "agent" ? "Agent" : "Caller"} <time>{at(item.turn.atSeconds)}</time>
            </span>
            <p>{item.turn.text}</p>
          </li>
        ),
      )}
    </ol>
  );
}
