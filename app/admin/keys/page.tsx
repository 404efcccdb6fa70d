import { getDeps } from "@/lib/deps";
import { SCOPES } from "@/lib/auth/principal";
import { requireAdminPage } from "@/lib/admin/require-admin-page";
import { listKeysForAccount } from "@/lib/members/manage-api-keys";
import { KeysPanel } from "@/components/admin/keys-panel";

export const metadata = { title: "API keys · Admin · Switchboard" };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export default async function KeysPage() {
  const me = await requireAdminPage();
  const rows = await listKeysForAccount(await getDeps(), me);
  const keys = rows.map((k) => ({ ...k, scopes: k.scopes as string[], createdAt: k.createdAt.toISOString(), lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt) }));
  return (
    <>
      <h1>API keys</h1>
      <p className="adm-muted">Keys let voice agents and other machines use /api/mcp and the REST API. Only the prefix is kept in readable form.</p>
      <KeysPanel keys={keys} scopes={SCOPES} />
    </>
  );
}
