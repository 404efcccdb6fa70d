import { getDeps } from "@/lib/composition/deps";
import { requireMemberPage } from "@/lib/transports/http/current-member";
import { isOAuthError } from "@/lib/domains/oauth/oauth-error";
import { parseAuthorizationRequest, type AuthorizationRequest } from "@/lib/domains/oauth/authorization-request";
import { grantableScopes, SCOPE_WORDS } from "@/lib/domains/oauth/scopes";
import { pageOrigin } from "@/lib/transports/oauth/page-origin";
import { ConsentButtons } from "@/components/oauth/consent-buttons";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connect an app · Switchboard" };

type Search = Record<string, string | string[] | undefined>;

const toParams = (sp: Search) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) p.append(k, one);
  return p;
};

// The OAuth authorization endpoint: a signed-in member sees which app asks for what, and decides.
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = toParams(await searchParams);
  const origin = await pageOrigin();
  let request: AuthorizationRequest;
  try {
    request = await parseAuthorizationRequest((await getDeps()).db, params, origin);
  } catch (e) {
    // Shown here, never sent to the client's redirect URI: before a person has decided, a redirect would make
    // any registered client an open redirector (RFC 9700 §4.11.2). Only the decision redirects.
    if (!isOAuthError(e)) throw e;
    return (
      <main>
        <h1>Switchboard · This app cannot connect</h1>
        <div className="card">
          <p role="alert" className="error">
            {e.description}
          </p>
          <p>Nothing was shared. Close this window and check the app&apos;s settings, or tell its developer.</p>
        </div>
      </main>
    );
  }
  const me = await requireMemberPage(`/oauth/authorize?${params.toString()}`);
  const { granted, withheld } = grantableScopes(me.role, request.scopes);
  const label = request.client.clientName ?? "An unnamed app";
  const back = new URL(request.redirectUri);
  return (
    <main>
      <h1>Switchboard · Connect {label}?</h1>
      <div className="card">
        <p>
          <strong>{label}</strong> wants to use Switchboard&apos;s MCP server as <strong>{me.name || me.email}</strong> ({me.role}).
        </p>
        <p className="muted">
          {request.client.kind === "metadata_document"
            ? `Identified by ${request.client.clientId} (its published client metadata).`
            : "This app registered itself; Switchboard has not verified its name."}{" "}
          After you decide you go back to <code>{back.protocol.startsWith("http") ? back.origin : `${back.protocol}//${back.host}`}</code>.
        </p>
        {granted.length > 0 ? (
          <>
            <h2>It will be able to</h2>
            <ul aria-label="Scopes granted">
              {granted.map((s) => (
                <li key={s}>
                  {SCOPE_WORDS[s]} <code>{s}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p role="alert" className="error">
            Your role holds none of the permissions this app asks for.
          </p>
        )}
        {withheld.length > 0 && (
          <>
            <h2>Not included (your role does not hold them)</h2>
            <ul aria-label="Scopes not granted">
              {withheld.map((s) => (
                <li key={s}>
                  {SCOPE_WORDS[s]} <code>{s}</code>
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted">An admin can disconnect it any time under Admin → Connected apps.</p>
        <ConsentButtons request={params.toString()} canAllow={granted.length > 0} clientLabel={label} />
      </div>
    </main>
  );
}
