import { CannedRepliesApp } from "@/components/console/canned-replies-app";
import { requireMemberPage } from "@/lib/transports/http/current-member";
import "@/components/console/console.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Canned replies · Switchboard" };

// /console/canned-replies — every member manages the team's stock answers (admins also find them in /admin)
export default async function ConsoleCannedRepliesPage() {
  const member = await requireMemberPage("/console/canned-replies");
  return <CannedRepliesApp me={{ id: member.memberId, name: member.name, email: member.email, role: member.role }} />;
}
