"use client";

import { useState } from "react";
import type { VapiToolDefinition } from "@/lib/transports/agent-platforms/vapi/connect-definitions";
import type { VapiStatus } from "@/lib/domains/vapi/credentials";
import { KeyChooser } from "@/components/admin/connect-platform/key-chooser";
import { SignedTest } from "@/components/admin/connect-platform/signed-test";
import { Snippet } from "@/components/admin/connect-platform/snippet";
import { VapiSettingsForm } from "@/components/admin/connect-vapi/vapi-settings-form";

const PLACEHOLDER = "SWITCHBOARD_API_KEY";
/** The snippet with the chosen key in place of the placeholder (client-side only: the key never goes to our server here). */
const fill = (v: unknown, key: string) => JSON.stringify(v, null, 2).replaceAll(PLACEHOLDER, key || PLACEHOLDER);

type Props = {
  /** The tool definitions for each wait the page may show (the stored one and the default). */
  toolsFor: Record<number, VapiToolDefinition[]>;
  serverUrl: string;
  toolsUrl: string;
  initial: VapiStatus;
};

/** Connect Vapi: choose the key, store the secret and the wait, check, then copy the tools and the server URL. */
export function ConnectVapi({ toolsFor, serverUrl, toolsUrl, initial }: Props) {
  const [key, setKey] = useState("");
  const [status, setStatus] = useState(initial);
  const tools = toolsFor[status.waitSeconds] ?? toolsFor[initial.waitSeconds]!;
  const ask = tools.find((t) => t.function.name === "ask_human");
  return (
    <div className="adm-stack">
      <KeyChooser value={key} onChange={setKey} platform="Vapi" />
      <VapiSettingsForm status={status} onSaved={setStatus} />
      <SignedTest apiKey={key} testUrl="/api/settings/vapi/test">
        Signs a get_human_answer tool call (it reads and changes nothing) with your stored server secret, as Vapi&apos;s HMAC credential
        does, with the key above, and sends it to /api/vapi/tools.
      </SignedTest>

      <section className="card" aria-labelledby="vt-h">
        <h2 id="vt-h">4. The tools</h2>
        <p className="adm-muted">
          One function tool per Switchboard tool (Vapi → Tools → Create Tool → Function, or POST /tool): name, description, parameters,
          server URL <code>{toolsUrl}</code> with the Authorization header. ask_human waits {status.waitSeconds} s here, so its server
          timeout is {ask?.server.timeoutSeconds} s (Vapi&apos;s default is 20 s); add the &quot;request-response-delayed&quot; message
          shown so the caller hears something while a person is asked. Store the server secret above in the tool&apos;s server credential.
        </p>
        {tools.map((t) => (
          <details key={t.function.name} open={t.function.name === "ask_human"}>
            <summary>
              <code>{t.function.name}</code> <span className="adm-muted">— timeout {t.server.timeoutSeconds} s</span>
            </summary>
            <Snippet label={`${t.function.name} Vapi function tool`} value={fill(t, key)} testId={`vapi-tool-${t.function.name}`} />
          </details>
        ))}
      </section>

      <section className="card" aria-labelledby="vw-h">
        <h2 id="vw-h">5. Server URL (call reports)</h2>
        <p className="adm-muted">
          Assistant → Advanced → Server URL, with the same server secret: end-of-call reports and status updates then show the call under
          Calls, linked to its escalations, and a late answer is spoken into a call only while it lasts.
        </p>
        <Snippet label="Server URL" value={serverUrl} testId="vapi-server-url" />
      </section>
    </div>
  );
}
