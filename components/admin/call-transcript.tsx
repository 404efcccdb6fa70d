import type { PublicCallDetails } from "@/lib/calls/schemas";

const at = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

/** The call as a chat: the agent on the left, the person called on the right. Text is rendered as text. */
export function CallTranscript({ turns }: { turns: PublicCallDetails["transcript"] }) {
  if (!turns.length) return <p className="adm-muted">No transcript yet.</p>;
  return (
    <ol className="adm-chat" aria-label="Transcript">
      {turns.map((t, i) => (
        <li key={i} className={`adm-bubble ${t.speaker}`}>
          <span className="who">
            {t.speaker === "agent" ? "Agent" : "Caller"} <time>{at(t.atSeconds)}</time>
          </span>
          <p>{t.text}</p>
        </li>
      ))}
    </ol>
  );
}
