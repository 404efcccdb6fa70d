import { getDeps } from "@/lib/composition/deps";
import { SCOPES } from "@/lib/domains/auth/principal";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { listKeysForAccount } from "@/lib/domains/api-keys/manage-api-keys";
import { KeysPanel } from "@/components/admin/keys-panel";
import { ClientConfigs } from "@/components/admin/client-configs";
import { KEY_PLACEHOLDER } from "@/lib/domains/api-keys/client-configs";
import { requestBaseUrl } from "@/lib/transports/http/request-origin";

export const metadata = { title: "API keys · Admin · Switchboard" };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export default async function KeysPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const rows = await listKeysForAccount(deps, me);
  const baseUrl = await requestBaseUrl(deps.config);
  const keys = rows.map((k) => ({
    ...k,
    scopes: k.scopes as string[],
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
  }));
  return (
    <>
      <h1>API keys</h1>
      <p className="adm-muted">
        Keys let voice agents and other machines use /api/mcp and the REST API. Only the prefix is kept in readable form.
      </p>
      <KeysPanel keys={keys} scopes={SCOPES} baseUrl={baseUrl} />
      <div className="card">
        <p className="adm-muted" style={{ marginTop: 0 }}>
          MCP endpoint: <code data-testid="mcp-endpoint">{baseUrl}/api/mcp</code>. A new key comes with these configurations filled in; keys
          are stored hashed, so here <code>{KEY_PLACEHOLDER}</code> stands for yours.
        </p>
        <ClientConfigs baseUrl={baseUrl} apiKey={KEY_PLACEHOLDER} headingLevel={2} />
      </div>
    </>
  );
}
