import Link from "next/link";
import { CannedRepliesManager } from "@/components/admin/canned-replies/canned-replies-manager";
import { requireMemberPage } from "@/lib/auth/current-member";
import "@/components/console/console.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Canned replies · Switchboard" };

// /console/canned-replies — every member manages the team's stock answers (admins also find them in /admin)
export default async function ConsoleCannedRepliesPage() {
  await requireMemberPage("/console/canned-replies");
  return (
    <div className="cx-app">
      <div className="cx-page">
        <p className="cx-muted">
          <Link href="/console">← Back to the console</Link>
        </p>
        <h1 className="cx-pane-title">Canned replies</h1>
        <CannedRepliesManager />
      </div>
    </div>
  );
}
