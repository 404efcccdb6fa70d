import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { getHitlMetrics } from "@/lib/domains/metrics/hitl-metrics";
import { MetricsDashboard } from "@/components/admin/metrics-dashboard";
import { presetRange } from "@/components/admin/metrics-presets";
import { MemoryStats } from "@/components/admin/answers/memory-stats";
import { getMemoryStats } from "@/lib/domains/memory/stats";

export const metadata = { title: "HITL metrics · Admin · Switchboard" };

export default async function MetricsPage() {
  const me = await requireAdminPage();
  const range = presetRange("7d");
  const deps = await getDeps();
  const initial = await getHitlMetrics(deps.db, me.accountId, { from: new Date(range.from), to: new Date(range.to) });
  const memory = await getMemoryStats(deps, me.accountId);
  return (
    <>
      <h1>HITL metrics</h1>
      <p className="adm-muted">How fast people answer the agents, and how often the agent had to go on without them.</p>
      <MetricsDashboard initial={initial} initialRange={range} />
      <MemoryStats days={memory.days} avoided={memory.avoided} />
    </>
  );
}
