import type { ReactNode } from "react";
import Link from "next/link";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { AdminNav } from "@/components/admin/admin-nav";
import { SignOutButton } from "@/components/admin/sign-out-button";
import "./admin.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Admin · Switchboard" };

// Admins only: signed-out visitors go to sign-in (and come back), operators get the 403 page.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const me = await requireAdminPage();
  return (
    <div className="adm">
      <a href="#main" className="adm-skip">
        Skip to the main content
      </a>
      <aside className="adm-side">
        <p className="adm-brand">Switchboard admin</p>
        <AdminNav />
        <p className="adm-who">
          <Link href="/console">Operator console</Link>
        </p>
        <p className="adm-who">
          Signed in as <strong>{me.name || me.email}</strong>
          <br />
          <Link href="/account/password">Change password</Link>
          <br />
          <SignOutButton />
        </p>
      </aside>
      <main id="main" className="adm-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
