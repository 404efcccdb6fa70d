import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { listConnectedAppsForAccount } from "@/lib/domains/oauth/connected-apps";
import { ConnectedAppsPanel } from "@/components/admin/connected-apps-panel";

export const metadata = { title: "Connected apps · Admin · Switchboard" };

export default async function ConnectedAppsPage() {
  const me = await requireAdminPage();
  const apps = await listConnectedAppsForAccount(await getDeps(), me);
  return (
    <>
      <h1>Connected apps</h1>
      <p className="adm-muted">
        MCP clients (Claude, ChatGPT, Cursor…) that members connected to /api/mcp by signing in. Each acts as its member, with at most the
        member&apos;s role&apos;s scopes. Revoking one ends its access and refresh tokens at once.
      </p>
      <ConnectedAppsPanel apps={apps} />
    </>
  );
}
