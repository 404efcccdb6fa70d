import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getDeps } from "@/lib/composition/deps";
import { needsSetup } from "@/lib/domains/setup/complete-setup";
import { safeNextPath } from "@/lib/transports/http/safe-next";
import { LOGIN_FAILURES } from "@/lib/transports/http/login-form-post";

export const metadata = { title: "Sign in · Switchboard" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; failed?: string | string[] }>;
}) {
  const { next, failed } = await searchParams;
  // A sign-in posted without JavaScript came back: a fixed sentence per code, never text from the URL.
  const initialError =
    typeof failed === "string" ? (Object.hasOwn(LOGIN_FAILURES, failed) ? LOGIN_FAILURES[failed]! : LOGIN_FAILURES.failed!) : null;
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
        <LoginForm next={safeNextPath(typeof next === "string" ? next : undefined)} initialError={initialError} />
      </div>
    </main>
  );
}
