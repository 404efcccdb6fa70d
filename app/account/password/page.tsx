import Link from "next/link";
import { requireMemberPage } from "@/lib/transports/http/current-member";
import { ChangePasswordForm } from "@/components/account/change-password-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Change password · Switchboard" };

// /account/password — any signed-in member changes their own password (linked from the console and admin)
export default async function ChangePasswordPage() {
  const me = await requireMemberPage("/account/password");
  return (
    <main>
      <p>
        <Link href="/console">← Console</Link>
        {me.role === "admin" ? (
          <>
            {" · "}
            <Link href="/admin">Admin</Link>
          </>
        ) : null}
      </p>
      <h1>Change your password</h1>
      <p>
        Signed in as <strong>{me.email}</strong>. Changing it signs you out everywhere else; this browser stays signed in.
      </p>
      <ChangePasswordForm />
    </main>
  );
}
