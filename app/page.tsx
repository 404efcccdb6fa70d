import Link from "next/link";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDeps } from "@/lib/composition/deps";
import { resolveSession, SESSION_COOKIE } from "@/lib/domains/auth/sessions";
import { countAnswerersOnline } from "@/lib/domains/presence/presence";
import { needsSetup } from "@/lib/domains/setup/complete-setup";
import { publicOrigin } from "@/lib/transports/http/public-origin";
import { CopyButton } from "@/components/admin/copy-button";

export const dynamic = "force-dynamic";

// / — what this is, where to go, the MCP URL, and whether anyone is there to answer. First run → /setup.
export default async function Home() {
  const deps = await getDeps();
  if (await needsSetup(deps.db)) redirect("/setup");
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const me = token ? await resolveSession(deps.db, token) : null;
  const online = me ? (await countAnswerersOnline(deps, me.accountId)).online : null;
  const mcpUrl = `${publicOrigin(await headers(), deps.config)}/api/mcp`;
  return (
    <main>
      <h1>Switchboard</h1>
      <p>
        Puts a person on the line for AI voice agents. When an agent (Retell, Claude, any MCP client) meets a question it cannot answer, it
        calls the <code>ask_human</code> tool; the question appears in the operator console, someone answers, and the answer goes straight
        back into the waiting tool call for the agent to say.
      </p>

      <section aria-labelledby="who-online" className="card">
        <h2 id="who-online" style={{ marginTop: 0 }}>
          Who can answer now
        </h2>
        {online === null ? (
          <p data-testid="home-presence">
            <Link href="/login?next=/">Sign in</Link> to see who is online in your team.
          </p>
        ) : (
          <p data-testid="home-presence">
            {online === 0
              ? "Nobody is online: agents are told at once that no one can answer. Open the console to take questions."
              : `${online} ${online === 1 ? "person is" : "people are"} online to answer.`}
          </p>
        )}
        <p style={{ marginBottom: 0 }}>
          {me ? (
            <>
              Signed in as <strong>{me.name || me.email}</strong>.{" "}
            </>
          ) : null}
          <Link href="/console">Operator console</Link> — answer questions
          {" · "}
          <Link href="/admin">Admin</Link> — metrics, calls, members, API keys
          {me ? (
            <>
              {" · "}
              <Link href="/account/password">Change password</Link>
            </>
          ) : null}
        </p>
      </section>

      <section aria-labelledby="connect">
        <h2 id="connect">Connect an agent</h2>
        <p>
          MCP endpoint (Streamable HTTP): <code data-testid="home-mcp-url">{mcpUrl}</code> <CopyButton value={mcpUrl} label="Copy URL" />
        </p>
        <p>
          Agents authenticate with an API key as <code>Authorization: Bearer sb_…</code>; admins create keys in{" "}
          <Link href="/admin/keys">Admin → API keys</Link>. To see an escalation arrive without an agent, press{" "}
          <em>Send a test escalation</em> in the console&apos;s empty queue.
        </p>
        <ul>
          <li>
            REST API: <a href="/api/openapi.json">/api/openapi.json</a>
          </li>
          <li>
            Health: <a href="/api/health">/api/health</a>
          </li>
        </ul>
      </section>
    </main>
  );
}
