import type { ConsoleCase, ConsoleMessage } from "@/components/console/types";

const side = (role: string) => (/^(user|caller|customer|human)$/i.test(role) ? "them" : "agent");

/** The conversation so far as a chat: what the caller and the agent said, then the case thread. Text only. */
export function Conversation({ c, messages }: { c: ConsoleCase; messages: ConsoleMessage[] }) {
  const history = c.conversationHistory ?? [];
  const thread = messages.filter((m) => !(m.senderType === "agent" && m.content === c.question));
  if (!history.length && !thread.length) return <p className="cx-muted">No conversation was shared.</p>;
  return (
    <ol className="cx-chat" aria-label="Conversation">
      {history.map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: history turns have no id and the list only grows at its end, so an index names the same turn every render
        <li key={`h${i}`} className={`cx-bubble cx-bubble-${side(h.role)}`}>
          <span className="cx-bubble-who">{h.role}</span>
          <span className="cx-bubble-text">{h.content}</span>
        </li>
      ))}
      {thread.map((m) => (
        <li key={m.id} className={`cx-bubble cx-bubble-${m.senderType === "human" ? "us" : "agent"}`}>
          <span className="cx-bubble-who">{m.senderType === "human" ? "operator" : m.senderType}</span>
          <span className="cx-bubble-text">{m.content}</span>
        </li>
      ))}
    </ol>
  );
}
