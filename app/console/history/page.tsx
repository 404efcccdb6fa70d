import { HistoryApp } from "@/components/console/history-app";
import { requireMemberPage } from "@/lib/transports/http/current-member";
import "@/components/console/console.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "History · Switchboard" };

// /console/history — answered, expired and cancelled cases with search (members only)
export default async function HistoryPage() {
  const member = await requireMemberPage("/console/history");
  return <HistoryApp me={{ id: member.memberId, name: member.name, email: member.email, role: member.role }} />;
}
