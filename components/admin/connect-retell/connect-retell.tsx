"use client";

import { useState } from "react";
import type { RetellFunctionDefinition, RetellMcpEntry } from "@/lib/transports/agent-platforms/retell/connect-definitions";
import type { RetellKeyStatus } from "@/lib/domains/retell/credentials";
import { KeyChooser } from "@/components/admin/connect-platform/key-chooser";
import { RetellKeyForm } from "@/components/admin/connect-retell/retell-key-form";
import { RetellCallsForm } from "@/components/admin/connect-retell/retell-calls-form";
import { SignedTest } from "@/components/admin/connect-platform/signed-test";
import { Snippet } from "@/components/admin/connect-platform/snippet";

const PLACEHOLDER = "SWITCHBOARD_API_KEY";
/** The snippet with the chosen key in place of the placeholder (client-side only: the key never goes to our server here). */
const fill = (v: unknown, key: string) => JSON.stringify(v, null, 2).replaceAll(PLACEHOLDER, key || PLACEHOLDER);

type Props = { mcp: RetellMcpEntry; functions: RetellFunctionDefinition[]; webhookUrl: string; keyStatus: RetellKeyStatus };

/** Connect Retell: choose the key, store Retell's key, check, then copy the MCP entry or the custom functions. */
export function ConnectRetell({ mcp, functions, webhookUrl, keyStatus }: Props) {
  const [key, setKey] = useState("");
  return (
    <div className="adm-stack">
      <KeyChooser value={key} onChange={setKey} />
      <RetellKeyForm initial={keyStatus} />
      <SignedTest apiKey={key} />

      <section className="card" aria-labelledby="mcp-h">
        <h2 id="mcp-h">4a. As an MCP server</h2>
        <p className="adm-muted">
          Retell LLM → MCP servers (or the `mcps` field of the Retell LLM API). ask_human waits at most 55 s here.
        </p>
        <Snippet label="MCP entry" value={fill(mcp, key)} testId="retell-mcp-entry" />
      </section>

      <section className="card" aria-labelledby="fn-h">
        <h2 id="fn-h">4b. Or as custom functions</h2>
        <p className="adm-muted">
          One custom function per tool (agent → Tools → + Add → Custom Function, or a `general_tools` entry of the Retell LLM API): name,
          description, URL, method POST, the header, the parameters JSON Schema, and for the slow ones &quot;speak during execution&quot;
          with the line given.
        </p>
        {functions.map((f) => (
          <details key={f.name} open={f.name === "ask_human"}>
            <summary>
              <code>{f.name}</code>
              {f.speak_during_execution && (
                <span className="adm-muted"> — speak during execution: “{f.execution_message_description}”</span>
              )}
            </summary>
            <Snippet label={`${f.name} custom function`} value={fill(f, key)} testId={`retell-fn-${f.name}`} />
            <Snippet label={`${f.name} parameters (JSON Schema)`} value={JSON.stringify(f.parameters, null, 2)} />
          </details>
        ))}
      </section>

      <section className="card" aria-labelledby="wh-h">
        <h2 id="wh-h">5. Call webhooks</h2>
        <p className="adm-muted">
          Agent → Webhook URL (or Retell&apos;s account-level webhook): calls, transcripts and escalations then show under Calls.
        </p>
        <Snippet label="Webhook URL" value={webhookUrl} testId="retell-webhook-url" />
      </section>

      <RetellCallsForm initial={keyStatus} />
    </div>
  );
}
