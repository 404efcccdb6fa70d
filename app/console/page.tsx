import { ConsoleApp } from "@/components/console/console-app";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { requireMemberPage } from "@/lib/transports/http/current-member";
import { getRealtimeClientConfig } from "@/lib/domains/realtime/client-config";
import "@/components/console/console.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Switchboard" };

// /console — the operator console (members only; ?case=<id> opens a case)
export default async function ConsolePage({ searchParams }: { searchParams: Promise<{ case?: string | string[] }> }) {
  const sp = await searchParams;
  const caseId = typeof sp.case === "string" ? sp.case : undefined;
  const member = await requireMemberPage(caseId ? `/console?case=${encodeURIComponent(caseId)}` : "/console");
  // The realtime driver is runtime configuration: computed per request, handed to the browser as props.
  return (
    <RealtimeProvider config={getRealtimeClientConfig(member)}>
      <ConsoleApp me={{ id: member.memberId, name: member.name, email: member.email, role: member.role }} initialCaseId={caseId} />
    </RealtimeProvider>
  );
}
