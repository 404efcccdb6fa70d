import Link from "next/link";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { listNotifications } from "@/lib/domains/notify/list-notifications";
import { readNotifySettings } from "@/lib/domains/notify/settings";
import { NotifySettingsForm } from "@/components/admin/notify-settings-form";
import { formatWhen } from "@/components/admin/format";
import { DataTable, type Column } from "@/components/ui/table";

export const metadata = { title: "Notifications · Admin · Switchboard" };

const COLUMNS: Column<Awaited<ReturnType<typeof listNotifications>>[number]>[] = [
  { header: "When", cell: (n) => formatWhen(n.createdAt) },
  { header: "Kind", cell: (n) => (n.kind === "page" && n.caseId ? <Link href={`/console?case=${n.caseId}`}>page</Link> : n.kind) },
  { header: "Topic", cell: (n) => n.topic },
  { header: "Title", cell: (n) => n.title ?? "" },
  {
    header: "Status",
    cell: (n) => (n.status === "pending" && n.nextAttemptAt ? `queued, next try ${formatWhen(n.nextAttemptAt)}` : n.status),
  },
  { header: "Attempts", cell: (n) => n.attempts },
  { header: "Last error", cell: (n) => n.lastError ?? "" },
];

export default async function NotificationsPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const [settings, recent] = await Promise.all([readNotifySettings(deps, me), listNotifications(deps, me)]);
  return (
    <>
      <h1>Notifications</h1>
      <p className="adm-muted">
        Push notifications go through <a href="https://ntfy.sh">ntfy</a>: agents send them with <code>send_push_notification</code>, and
        Switchboard pages the on-call topic when a case arrives with nobody online or stays unclaimed. Subscribe to the topics in the ntfy
        app on your phone.
      </p>
      <NotifySettingsForm settings={settings} />
      <h2>Recent notifications</h2>
      <div className="adm-scroll">
        <DataTable
          bare
          className="adm-table"
          data-testid="notifications-table"
          columns={COLUMNS}
          rows={recent}
          rowKey={(n) => n.id}
          empty="Nothing sent yet."
        />
      </div>
    </>
  );
}
