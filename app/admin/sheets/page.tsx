import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { getSheetsStatus } from "@/lib/domains/sheets/status";
import { SheetsDashboard } from "@/components/admin/sheets/sheets-dashboard";

export const metadata = { title: "Google Sheets · Admin · Switchboard" };

export default async function SheetsPage() {
  const me = await requireAdminPage();
  const initial = await getSheetsStatus(await getDeps(), me);
  return (
    <>
      <h1>Google Sheets log</h1>
      <p className="adm-muted">
        Every call and escalation, one row each, in a Google Sheet your team owns — sent in batches within Google&apos;s quota, never lost.
      </p>
      <SheetsDashboard initial={initial} />
    </>
  );
}
