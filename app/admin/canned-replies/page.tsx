import { CannedRepliesManager } from "@/components/admin/canned-replies/canned-replies-manager";
import { requireMemberPage } from "@/lib/auth/current-member";
import "@/components/console/console.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Canned replies · Switchboard" };

// /admin/canned-replies — the team's stock answers, in the admin pages (the layout admits admins; the page checks too)
export default async function CannedRepliesPage() {
  const member = await requireMemberPage("/admin/canned-replies");
  return (
    <div className="cx-app">
      <div className="cx-page">
        <h1 className="cx-pane-title">Canned replies</h1>
        {member.role === "admin" ? (
          <CannedRepliesManager />
        ) : (
          <p role="alert" className="cx-notice cx-notice-error" data-status="403">
            403 — this page is for admins. Ask an admin of your team to change canned replies.
          </p>
        )}
      </div>
    </div>
  );
}
