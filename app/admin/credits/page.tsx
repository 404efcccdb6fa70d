import Link from "next/link";
import { getDeps } from "@/lib/deps";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { actorLabel, actorNames } from "@/lib/admin/actor-names";
import { getCredits } from "@/lib/calls/credits-account";
import { AddCreditsForm } from "@/components/admin/add-credits-form";
import { CallbackPolicyForm } from "@/components/admin/callback-policy-form";
import { readCallbackPolicy } from "@/lib/calls/callback-policy";
import { formatWhen } from "@/components/admin/format";
import { Table } from "@/components/ui/table";

export const metadata = { title: "Credits · Admin · Switchboard" };

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export default async function CreditsPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const credits = await getCredits(deps, me, { limit: 100 });
  const names = await actorNames(deps.db, me.accountId, credits.ledger.map((e) => e.actor));
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
      <p className="adm-muted">Append-only, newest first (last 100 entries). A call holds its maximum cost when it starts; completion settles the actual cost and releases the rest.</p>
      <div className="adm-scroll">
        <Table data-testid="ledger-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Amount</th>
              <th scope="col">Held</th>
              <th scope="col">Balance after</th>
              <th scope="col">Who</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {credits.ledger.map((e) => (
              <tr key={e.id}>
                <td>{formatWhen(e.createdAt)}</td>
                <td>{e.kind}</td>
                <td>{e.amount ? signed(e.amount) : "0"}</td>
                <td>{e.heldDelta ? signed(e.heldDelta) : ""}</td>
                <td>{e.balanceAfter}</td>
                <td>{actorLabel(names, e.actor)}</td>
                <td>
                  {e.reason}
                  {e.callId && (
                    <>
                      {" "}
                      <Link href={`/admin/calls/${e.callId}`}>call</Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </>
  );
}
