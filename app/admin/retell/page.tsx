import { headers } from "next/headers";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { publicBaseUrl } from "@/lib/platform/public-base-url";
import { retellFunctionDefinitions, retellMcpEntry } from "@/lib/transports/agent-platforms/retell/connect-definitions";
import { readRetellKeyStatus } from "@/lib/domains/retell/credentials";
import { retellWebhookUrl } from "@/lib/transports/agent-platforms/retell/handle-webhook";
import { ConnectRetell } from "@/components/admin/connect-retell/connect-retell";

export const metadata = { title: "Connect Retell · Admin · Switchboard" };

/** Everything a Retell builder pastes: generated here from the tools' own schemas, the key filled in in the browser. */
export default async function ConnectRetellPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const origin = host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : undefined;
  const baseUrl = publicBaseUrl(deps.config, origin);
  const status = await readRetellKeyStatus(deps, me);
  return (
    <>
      <h1>Connect Retell</h1>
      <p className="adm-muted">
        Connect a Retell agent either way — as an MCP server, or one custom function per tool (waits up to{" "}
        {deps.config.RETELL_MAX_WAIT_SECONDS} s instead of MCP&apos;s 55 s). Choose the Switchboard key the agent sends, then copy what you
        need. See the README section &quot;Using Switchboard from Retell&quot;.
      </p>
      <ConnectRetell
        mcp={retellMcpEntry(baseUrl)}
        functions={retellFunctionDefinitions({ baseUrl, maxWaitSeconds: deps.config.RETELL_MAX_WAIT_SECONDS })}
        webhookUrl={retellWebhookUrl(baseUrl, me.accountId)}
        keyStatus={status}
      />
    </>
  );
}
