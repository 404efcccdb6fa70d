import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getDeps } from "@/lib/composition/deps";
import { needsSetup } from "@/lib/domains/setup/complete-setup";
import { safeNextPath } from "@/lib/transports/http/safe-next";

export const metadata = { title: "Sign in · Switchboard" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // Nobody to sign in as yet: the first admin is created at /setup.
  if (await needsSetup((await getDeps()).db)) redirect("/setup");
  return (
    <main className="login">
      <p className="login-brand">
        <span aria-hidden="true" className="login-logo">
          ☎
        </span>{" "}
        Switchboard
      </p>
      <p className="login-tagline">Put a human on the line for AI voice agents.</p>
      <h1>Sign in</h1>
      <div className="card">
        <LoginForm next={safeNextPath(typeof next === "string" ? next : undefined)} />
      </div>
    </main>
  );
}
