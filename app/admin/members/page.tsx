import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { listAccountMembers } from "@/lib/domains/members/list-account-members";
import { MembersPanel } from "@/components/admin/members-panel";

export const metadata = { title: "Members · Admin · Switchboard" };

export default async function MembersPage() {
  const me = await requireAdminPage();
  const rows = await listAccountMembers(await getDeps(), me);
  const members = rows.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), lastLoginAt: m.lastLoginAt?.toISOString() ?? null }));
  return (
    <>
      <h1>Members</h1>
      <p className="adm-muted">Operators answer escalations in the console; admins also manage this account.</p>
      <MembersPanel members={members} meId={me.memberId} />
    </>
  );
}
