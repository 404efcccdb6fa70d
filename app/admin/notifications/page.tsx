import Link from "next/link";
import { getDeps } from "@/lib/deps";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { listNotifications } from "@/lib/notify/list-notifications";
import { readNotifySettings } from "@/lib/notify/settings";
import { NotifySettingsForm } from "@/components/admin/notify-settings-form";
import { formatWhen } from "@/components/admin/format";

export const metadata = { title: "Notifications · Admin · Switchboard" };

export default async function NotificationsPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const [settings, recent] = await Promise.all([readNotifySettings(deps, me), listNotifications(deps, me)]);
  return (
    <>
      <h1>Notifications</h1>
      <p className="adm-muted">
        Push notifications go through <a href="https://ntfy.sh">ntfy</a>: agents send them with <code>send_push_notification</code>, and Switchboard pages the
        on-call topic when a case arrives with nobody online or stays unclaimed. Subscribe to the topics in the ntfy app on your phone.
      </p>
      <NotifySettingsForm settings={settings} />
      <h2>Recent notifications</h2>
      <div className="adm-scroll">
        <table className="adm-table" data-testid="notifications-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Topic</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {recent.length === 0 && (
              <tr>
                <td colSpan={7} className="adm-muted">
                  Nothing sent yet.
                </td>
              </tr>
            )}
            {recent.map((n) => (
              <tr key={n.id}>
                <td>{formatWhen(n.createdAt)}</td>
                <td>{n.kind === "page" && n.caseId ? <Link href={`/console?case=${n.caseId}`}>page</Link> : n.kind}</td>
                <td>{n.topic}</td>
                <td>{n.title ?? ""}</td>
                <td>{n.status === "pending" && n.nextAttemptAt ? `queued, next try ${formatWhen(n.nextAttemptAt)}` : n.status}</td>
                <td>{n.attempts}</td>
                <td>{n.lastError ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
