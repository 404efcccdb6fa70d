import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { getOverview } from "@/lib/domains/metrics/get-overview";
import { Badge } from "@/components/ui/badge";
import { plural } from "@/components/ui/plural";
import { DataTable, type Column } from "@/components/ui/table";

export const metadata = { title: "Overview · Admin · Switchboard" };

const HEALTH_COLUMNS: Column<Awaited<ReturnType<typeof getOverview>>["health"][number]>[] = [
  { header: "Component", cell: (h) => h.name },
  { header: "Driver", cell: (h) => h.driver },
  { header: "Status", cell: (h) => <Badge tone={h.ok ? "ok" : "bad"}>{h.ok ? "up" : "down"}</Badge> },
  { header: "Latency", cell: (h) => <>{h.latencyMs} ms</> },
];

export default async function AdminOverviewPage() {
  const me = await requireAdminPage();
  const o = await getOverview(await getDeps(), me.accountId);
  const tiles: Array<[string, number, string]> = [
    ["Open cases", o.openCases, "/admin/metrics"],
    ["Claimed cases", o.claimedCases, "/admin/metrics"],
    ["Escalations (24 h)", o.escalations24h, "/admin/metrics"],
    ["Operators online", o.onlineOperators, "/admin/members"],
    ["Active API keys", o.activeKeys, "/admin/keys"],
    ["Members", o.members.operators + o.members.admins, "/admin/members"],
  ];
  return (
    <>
      <h1>Overview</h1>
      <section aria-labelledby="now">
        <h2 id="now">Right now</h2>
        <ul className="adm-tiles" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {tiles.map(([label, value, href]) => (
            <li key={label} className="adm-tile">
              <span className="v">{value}</span>
              <Link className="k" href={href}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
        <p className="adm-muted">
          {plural(o.members.operators, "operator")} and {plural(o.members.admins, "admin")} active
          {o.members.inactive ? `, ${o.members.inactive} deactivated` : ""}.
        </p>
      </section>
      <section aria-labelledby="health">
        <h2 id="health">System health</h2>
        <DataTable label="System health" columns={HEALTH_COLUMNS} rows={o.health} rowKey={(h) => h.name} />
      </section>
    </>
  );
}
