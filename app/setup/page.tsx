import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDeps } from "@/lib/composition/deps";
import { needsSetup } from "@/lib/domains/setup/complete-setup";
import { tokenFreeSetupAllowed } from "@/lib/transports/http/setup-access";
import { publicOrigin } from "@/lib/transports/http/public-origin";
import { SetupForm } from "@/components/setup/setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up · Switchboard" };

// /setup — while nobody can sign in: create the first admin (and the first API key). Gone once a member exists.
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const deps = await getDeps();
  if (!(await needsSetup(deps.db))) redirect("/login");
  const h = await headers();
  const { token } = await searchParams;
  const tokenRequired = !tokenFreeSetupAllowed(h, deps.config);
  return (
    <main>
      <h1>Welcome to Switchboard</h1>
      <p>
        Switchboard puts a person on the line for AI voice agents: an agent asks a question it cannot answer, and whoever is at the console
        answers it within seconds.
      </p>
      <SetupForm
        tokenRequired={tokenRequired}
        initialToken={typeof token === "string" ? token : ""}
        origin={publicOrigin(h, deps.config)}
      />
    </main>
  );
}
