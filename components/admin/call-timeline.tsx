import type { CallEventRow } from "@/lib/adapters/db/schema";
import { formatWhen } from "@/components/admin/format";

/** What happened to the call, in order: creation, placement, provider status events, settlement. */
export function CallTimeline({ events }: { events: CallEventRow[] }) {
  if (!events.length) return <p className="adm-muted">No events recorded.</p>;
  return (
    <ol className="adm-timeline" aria-label="Call events">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.occurredAt.toISOString()}>{formatWhen(e.occurredAt).replace(" UTC", "")}</time>{" "}
          <strong>{e.kind.replace(/_/g, " ")}</strong>
          {e.status && <span className="adm-muted"> → {e.status.replace("_", " ")}</span>}
          <span className="adm-muted"> · {e.provider}</span>
        </li>
      ))}
    </ol>
  );
}
