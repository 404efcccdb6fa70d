import { CannedRepliesManager } from "@/components/admin/canned-replies/canned-replies-manager";
import { requireMemberPage } from "@/lib/transports/http/current-member";
import { Notice } from "@/components/ui/notice";

export const dynamic = "force-dynamic";
export const metadata = { title: "Canned replies · Switchboard" };

// /admin/canned-replies — the team's stock answers, in the admin pages (the layout admits admins; the page checks too)
export default async function CannedRepliesPage() {
  const member = await requireMemberPage("/admin/canned-replies");
  return (
    <>
      <h1>Canned replies</h1>
      {member.role === "admin" ? (
        <CannedRepliesManager />
      ) : (
        <Notice tone="error" data-status="403">
          403 — this page is for admins. Ask an admin of your team to change canned replies.
        </Notice>
      )}
    </>
  );
}
