import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { actorLabel, actorNames } from "@/lib/domains/audit/actor-names";
import { getCredits } from "@/lib/domains/credits/account-credits";
import { AddCreditsForm } from "@/components/admin/add-credits-form";
import { CallbackPolicyForm } from "@/components/admin/callback-policy-form";
import { readCallbackPolicy } from "@/lib/domains/hitl/callback-policy";
import { formatWhen } from "@/components/admin/format";
import { DataTable, type Column } from "@/components/ui/table";
import type { Credits } from "@/lib/domains/calls/schemas";

export const metadata = { title: "Credits · Admin · Switchboard" };

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const ledgerColumns = (names: Awaited<ReturnType<typeof actorNames>>): Column<Credits["ledger"][number]>[] => [
  { header: "When", cell: (e) => formatWhen(e.createdAt) },
  { header: "Kind", cell: (e) => e.kind },
  { header: "Amount", cell: (e) => (e.amount ? signed(e.amount) : "0") },
  { header: "Held", cell: (e) => (e.heldDelta ? signed(e.heldDelta) : "") },
  { header: "Balance after", cell: (e) => e.balanceAfter },
  { header: "Who", cell: (e) => actorLabel(names, e.actor) },
  {
    header: "Reason",
    cell: (e) => (
      <>
        {e.reason}
        {e.callId && (
          <>
            {" "}
            <Link href={`/admin/calls/${e.callId}`}>call</Link>
          </>
        )}
      </>
    ),
  },
];

export default async function CreditsPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const credits = await getCredits(deps, me, { limit: 100 });
  const names = await actorNames(
    deps.db,
    me.accountId,
    credits.ledger.map((e) => e.actor),
  );
  return (
    <>
      <h1>Credits</h1>
      <ul className="adm-tiles" style={{ listStyle: "none", padding: 0 }} aria-label="Balance">
        <li className="adm-tile">
          <span className="v" data-testid="credits-balance">
            {credits.balance}
          </span>
          <span className="k">Balance</span>
        </li>
        <li className="adm-tile">
          <span className="v">{credits.held}</span>
          <span className="k">Held by calls in progress</span>
        </li>
        <li className="adm-tile">
          <span className="v" data-testid="credits-available">
            {credits.available}
          </span>
          <span className="k">Available for new calls</span>
        </li>
        <li className="adm-tile">
          <span className="v">{credits.ratePerMinute}</span>
          <span className="k">Credits per started minute</span>
        </li>
      </ul>
      <AddCreditsForm />
      <CallbackPolicyForm policy={await readCallbackPolicy(deps, me)} />
      <h2>Ledger</h2>
      <p className="adm-muted">
        Append-only, newest first (last 100 entries). A call holds its maximum cost when it starts; completion settles the actual cost and
        releases the rest.
      </p>
      <div className="adm-scroll">
        <DataTable data-testid="ledger-table" columns={ledgerColumns(names)} rows={credits.ledger} rowKey={(e) => e.id} />
      </div>
    </>
  );
}
