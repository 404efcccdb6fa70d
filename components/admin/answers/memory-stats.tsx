import type { MemoryDay } from "@/lib/domains/memory/stats";
import { DataTable, type Column } from "@/components/ui/table";

const COLUMNS: Column<MemoryDay>[] = [
  { header: "Day (UTC)", cell: (d) => d.day },
  { header: "Answered from memory", cell: (d) => d.avoided },
  { header: "Escalated to people", cell: (d) => d.escalated },
  { header: "Answered by people", cell: (d) => d.answeredByPeople },
];

/** Escalations avoided by memory per day, beside those that reached a person (newest day first). */
export function MemoryStats({ days, avoided }: { days: MemoryDay[]; avoided: number }) {
  return (
    <section aria-labelledby="memory-stats-title" data-testid="memory-stats">
      <h2 id="memory-stats-title">Escalations avoided by memory</h2>
      <p className="adm-muted">
        <strong data-testid="memory-avoided-total">{avoided}</strong> in the last {days.length} days answered at once from saved answers,
        without paging anyone.
      </p>
      <div className="adm-scroll">
        <DataTable columns={COLUMNS} rows={[...days].reverse().filter((d, i) => i < 7 || d.avoided || d.escalated)} rowKey={(d) => d.day} />
      </div>
    </section>
  );
}
