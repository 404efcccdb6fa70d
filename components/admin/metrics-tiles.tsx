import type { HitlMetrics } from "@/lib/domains/metrics/hitl-metrics";

/** The headline numbers above the charts; "Still open" counts cases open or claimed right now. */
export function MetricsTiles({ data }: { data: HitlMetrics }) {
  const tiles: Array<[string, string, string]> = [
    ["escalations", String(data.total), "Escalations"],
    ["answered", String(data.outcomes.answered + data.answeredLate), "Answered (in time or late)"],
    ["still-open", String(data.stillOpen), "Still open (open or claimed now)"],
    ["median", data.timeToAnswer.p50 === null ? "—" : `${data.timeToAnswer.p50} s`, "Median time to answer"],
  ];
  return (
    <ul className="adm-tiles" style={{ listStyle: "none", padding: 0, margin: "0 0 1rem" }} data-testid="metrics-tiles">
      {tiles.map(([id, v, k]) => (
        <li key={id} className="adm-tile" data-tile={id}>
          <span className="v">{v}</span>
          <span className="k">{k}</span>
        </li>
      ))}
    </ul>
  );
}
