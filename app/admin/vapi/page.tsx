import { headers } from "next/headers";
import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { publicBaseUrl } from "@/lib/platform/public-base-url";
import { readVapiStatus } from "@/lib/domains/vapi/credentials";
import { vapiPlatform } from "@/lib/transports/agent-platforms/vapi";
import { vapiWebhookUrl } from "@/lib/transports/agent-platforms/vapi/handle-webhook";
import type { VapiToolDefinition } from "@/lib/transports/agent-platforms/vapi/connect-definitions";
import { ConnectVapi } from "@/components/admin/connect-vapi/connect-vapi";

export const metadata = { title: "Connect Vapi · Admin · Switchboard" };

/** Everything a Vapi builder pastes: generated here from the tools' own schemas, the key filled in in the browser. */
export default async function ConnectVapiPage() {
  const me = await requireAdminPage();
  const deps = await getDeps();
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const origin = host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : undefined;
  const baseUrl = publicBaseUrl(deps.config, origin);
  const status = await readVapiStatus(deps, me);
  // The definitions for the stored wait and the default: saving a new wait shows the new timeout after a reload.
  const waits = [...new Set([status.waitSeconds, deps.config.VAPI_DEFAULT_WAIT_SECONDS])];
  const toolsFor = Object.fromEntries(
    waits.map((w) => [w, vapiPlatform.toolDefinitions({ baseUrl, maxWaitSeconds: w }) as VapiToolDefinition[]]),
  );
  return (
    <>
      <h1>Connect Vapi</h1>
      <p className="adm-muted">
        Give a Vapi assistant every Switchboard tool as a function tool. Choose the Switchboard key the tools send, store the server secret,
        then copy the tools and the server URL. See the README section &quot;Using Switchboard from Vapi&quot;.
      </p>
      <ConnectVapi
        toolsFor={toolsFor}
        serverUrl={vapiWebhookUrl(baseUrl, me.accountId)}
        toolsUrl={`${baseUrl}/api/vapi/tools`}
        initial={status}
      />
    </>
  );
}
