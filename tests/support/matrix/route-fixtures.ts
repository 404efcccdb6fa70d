import { eq } from "drizzle-orm";
import { createApiKey, verifyApiKey } from "@/lib/domains/api-keys/api-keys";
import { handleProviderWebhook } from "@/lib/domains/calls/handle-provider-webhook";
import { providerWebhook } from "@/tests/support/provider-webhook";
import { makePhoneCall } from "@/lib/domains/calls/make-phone-call";
import { getRecordingLink } from "@/lib/domains/calls/recording-link";
import { DEAD_LETTER_KIND } from "@/lib/domains/calls/sync/sync-one-call";
import { createCannedReply } from "@/lib/domains/canned-replies/canned-replies";
import { calls, channelSettings, deadLetters, notifySettings } from "@/lib/adapters/db/schema";
import type { Db } from "@/lib/adapters/db/client";
import { sealFor } from "@/lib/adapters/db/sealed-columns";
import { twilioSignature } from "@/lib/domains/channels/sms/signature";
import { signSlack } from "@/tests/support/slack-standin";
import { createCase } from "@/lib/domains/hitl/create-case";
import { postMessage } from "@/lib/domains/hitl/post-message";
import { createMemoryEntry } from "@/lib/domains/memory/entries";
import { setRetellApiKey } from "@/lib/domains/retell/credentials";
import { setVapiSettings } from "@/lib/domains/vapi/credentials";
import { vapiHmac } from "@/lib/transports/agent-platforms/vapi/signature";
import { pusherChannelFor } from "@/lib/adapters/realtime/port";
import { signBody } from "@/lib/adapters/telephony/signature";
import { toSimEvent } from "@/lib/adapters/telephony/simulator/webhook-payload";
import { sign as retellSign } from "retell-sdk";
import { BASE, RETELL_KEY, SIM_SECRET, type App } from "@/tests/support/matrix/app-harness";
import { golfFixtures } from "@/tests/support/matrix/golf-fixtures";
import { registerDynamicClient } from "@/lib/domains/oauth/clients";
import { parseAuthorizationRequest } from "@/lib/domains/oauth/authorization-request";
import { approveAuthorization } from "@/lib/domains/oauth/codes";
import { authorizeParams, connectApp, pkcePair, REDIRECT } from "@/tests/support/oauth";

const MATRIX_SLACK_SECRET = "0123456789abcdef0123456789abcdef";
const MATRIX_TWILIO_TOKEN = "matrixtwiliotoken0123456789abcdef";

/** A Slack app and a Twilio sender for an account, sealed as the settings route stores them. */
async function storeChannelSecrets(db: Db, accountId: string) {
  const seal = (name: Parameters<typeof sealFor>[0], v: string) => sealFor(name, accountId, v);
  const token = seal("channel_settings.slack_bot_token", "xoxb-matrix-0000");
  const secret = seal("channel_settings.slack_signing_secret", MATRIX_SLACK_SECRET);
  const twilioToken = seal("channel_settings.sms_auth_token", MATRIX_TWILIO_TOKEN);
  const set = {
    slackBotToken: token.value,
    slackBotTokenKeyId: token.keyId,
    slackSigningSecret: secret.value,
    slackSigningSecretKeyId: secret.keyId,
    slackChannelId: "CMATRIX01",
    smsAccountSid: `AC${"0".repeat(32)}`,
    smsAuthToken: twilioToken.value,
    smsAuthTokenKeyId: twilioToken.keyId,
    smsFromNumber: "+15550001000",
  };
  await db
    .insert(channelSettings)
    .values({ accountId, ...set })
    .onConflictDoUpdate({ target: channelSettings.accountId, set });
}

/** What one request of the walk sends: path parameters, a JSON or raw body, extra headers, a query. */
export type Fixture = {
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: string;
  okStatuses?: number[];
};
type Make = () => Promise<Fixture>;

const uniq = () => Math.random().toString(36).slice(2, 10);
/** The Vapi server secret the matrix stores (PUT /api/settings/vapi) and signs Vapi requests with (the HMAC credential). */
const VAPI_SECRET = "vapi_matrix_secret_0123456789";

/** A recorded call played to its end (the simulator clock moves an hour), reported by a signed webhook. */
export async function playRecordedCall(app: App) {
  const recorded = (
    await makePhoneCall(app.calls, app.adminKey, {
      phoneNumber: "+14155550123",
      task: "Matrix recorded call.",
      record: true,
      maxDurationMinutes: 1,
    })
  ).id;
  const [row] = await app.deps.db.select().from(calls).where(eq(calls.id, recorded));
  app.clock.now += 3600_000;
  const webhookBody = JSON.stringify(
    toSimEvent(await app.calls.telephony.getCall(row!.providerCallId!), recorded, {}, new Date(app.clock.now)),
  );
  const signed = { "content-type": "application/json", "x-webhook-signature": signBody(SIM_SECRET, webhookBody) };
  await handleProviderWebhook(
    app.calls,
    providerWebhook(
      "simulator",
      new Request("http://127.0.0.1/api/webhooks/simulator", { method: "POST", body: webhookBody, headers: signed }),
    ),
  );
  return { recorded, webhookBody, signed };
}

/**
 * One entry per route (README row name): how to call it so that an allowed credential succeeds.
 * Objects a request changes (a case it cancels, a key it revokes) are made fresh for every request.
 */
export async function routeFixtures(app: App): Promise<Record<string, Make>> {
  const { deps, calls: cd, agent, adminKey } = app;
  const newCase = async () => (await createCase(deps, agent, { question: `Matrix question ${uniq()}?` }, { source: "api" })).case.id;
  const newCall = async (record = false) =>
    (await makePhoneCall(cd, adminKey, { phoneNumber: "+14155550123", task: "Matrix test call.", record, maxDurationMinutes: 1 })).id;
  const newReply = async () => (await createCannedReply(deps, adminKey, { shortcut: `m${uniq()}`, body: "Matrix reply." })).id;
  const newKeyId = async () =>
    (await createApiKey(deps.db, { accountId: app.accountA.id, name: "revoke me", scopes: ["hitl:ask"] })).apiKey.id;
  const newDeadLetter = async () =>
    (
      await deps.db
        .insert(deadLetters)
        .values({ kind: DEAD_LETTER_KIND, ref: await newCall(), accountId: app.accountA.id, attempts: 5, lastError: "matrix" })
        .returning()
    )[0]!.id;

  const { recorded, webhookBody, signed } = await playRecordedCall(app);
  const link = new URL((await getRecordingLink(cd, adminKey, recorded, { origin: BASE })).url);
  const sharedCase = await newCase();
  const sharedCall = await newCall();
  const sharedReply = await newReply();
  const newEntry = async () => (await createMemoryEntry(deps, adminKey, { question: `Matrix memory ${uniq()}?`, answer: "Saved." })).id;
  const sharedEntry = await newEntry();
  const answeredCase = async () => {
    const id = await newCase();
    await postMessage(deps, adminKey, id, { content: "Matrix answer to keep." });
    return id;
  };
  const golf = await golfFixtures(app);
  const operatorMember = {
    kind: "member" as const,
    accountId: app.accountA.id,
    memberId: app.operator.id,
    role: app.operator.role,
    email: app.operator.email,
    name: app.operator.name,
  };
  const oauthClient = (await registerDynamicClient(deps.db, { redirect_uris: [REDIRECT], client_name: "Matrix app" })).client_id;
  const form = (params: Record<string, string>) => ({
    rawBody: new URLSearchParams(params).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  /** A fresh code for the token endpoint: a code is good for one exchange. */
  const freshCode = async () => {
    const { verifier, challenge } = pkcePair();
    const request = await parseAuthorizationRequest(deps.db, authorizeParams(oauthClient, challenge, BASE), BASE);
    const code = new URL((await approveAuthorization(deps.db, request, operatorMember)).redirectTo).searchParams.get("code")!;
    return { grant_type: "authorization_code", code, client_id: oauthClient, redirect_uri: REDIRECT, code_verifier: verifier };
  };

  return {
    "GET /.well-known/oauth-protected-resource": async () => ({}),
    "OPTIONS /.well-known/oauth-protected-resource": async () => ({ headers: { "access-control-request-method": "GET" } }),
    "GET /.well-known/oauth-authorization-server": async () => ({}),
    "OPTIONS /.well-known/oauth-authorization-server": async () => ({ headers: { "access-control-request-method": "GET" } }),
    // The consent page's decision: a person's session only (an allowed caller is told where the browser goes next).
    "POST /api/oauth/authorize": async () => ({
      body: { request: authorizeParams(oauthClient, pkcePair().challenge, BASE).toString(), decision: "allow" },
    }),
    "GET /api/oauth/grants": async () => ({}),
    "DELETE /api/oauth/grants/{id}": async () => ({
      params: { id: (await connectApp(deps.db, operatorMember, { origin: BASE })).grantId },
    }),
    "OPTIONS /api/oauth/register": async () => ({ headers: { "access-control-request-method": "POST" } }),
    "OPTIONS /api/oauth/revoke": async () => ({ headers: { "access-control-request-method": "POST" } }),
    "OPTIONS /api/oauth/token": async () => ({ headers: { "access-control-request-method": "POST" } }),
    "POST /api/oauth/register": async () => ({ body: { redirect_uris: [REDIRECT], client_name: "Matrix registration" } }),
    "POST /api/oauth/revoke": async () =>
      form({ token: (await connectApp(deps.db, operatorMember, { origin: BASE })).refresh_token, client_id: oauthClient }),
    "POST /api/oauth/token": async () => form(await freshCode()),
    "POST /api/auth/login": async () => {
      const m = await app.newMember("operator"); // 10 sign-ins per email per minute: one member per request
      return { body: { email: m.email, password: "correct horse battery" } };
    },
    "POST /api/auth/logout": async () => ({}),
    // Only the operator's and admin's sessions get this far; each changes its own password (a fresh one each time).
    "POST /api/auth/password": async () => ({ body: { currentPassword: "correct horse battery", newPassword: `matrix ${uniq()} pw` } }),
    "GET /api/calls": async () => ({}),
    "POST /api/calls": async () => ({ body: { phoneNumber: "+14155550123", task: "Matrix test call.", maxDurationMinutes: 1 } }),
    "GET /api/calls/{id}": async () => ({ params: { id: sharedCall } }),
    "POST /api/calls/{id}/cancel": async () => ({ params: { id: await newCall() } }),
    "GET /api/calls/{id}/recording-url": async () => ({ params: { id: recorded } }),
    "GET /api/calls/{id}/recording": async () => ({ params: { id: recorded }, query: link.search }),
    "GET /api/canned-replies": async () => ({}),
    "POST /api/canned-replies": async () => ({ body: { shortcut: `n${uniq()}`, body: "New reply." } }),
    "PATCH /api/canned-replies/{id}": async () => ({ params: { id: sharedReply }, body: { title: `t ${uniq()}` } }),
    "DELETE /api/canned-replies/{id}": async () => ({ params: { id: await newReply() } }),
    "GET /api/cases": async () => ({}),
    "POST /api/cases": async () => ({ body: { question: `Matrix REST question ${uniq()}?` } }),
    "GET /api/cases/{id}": async () => ({ params: { id: sharedCase } }),
    "POST /api/cases/{id}/cancel": async () => ({ params: { id: await newCase() } }),
    "POST /api/cases/{id}/claim": async () => ({ params: { id: await newCase() } }),
    "GET /api/cases/{id}/messages": async () => ({ params: { id: sharedCase } }),
    "POST /api/cases/{id}/messages": async () => ({ params: { id: await newCase() }, body: { content: "Matrix answer." } }),
    "GET /api/cases/{id}/suggestions": async () => ({ params: { id: sharedCase } }),
    "GET /api/credits": async () => ({}),
    "POST /api/credits": async () => ({ body: { amount: 1, reason: "matrix" } }),
    "GET /api/cron/maintenance": async () => ({}),
    "GET /api/cron/sync-calls": async () => ({}),
    "GET /api/cron/sheets": async () => ({}),
    "GET /api/dead-letters": async () => ({}),
    "GET /api/sheets": async () => ({}),
    // The matrix app has no Google Sheet connected: an allowed caller gets the 409 that says how to connect one.
    "POST /api/sheets/rebuild": async () => ({ okStatuses: [409] }),
    "GET /api/sheets/export": async () => ({ query: "?tab=escalations" }),
    "POST /api/dead-letters/{id}/retry": async () => ({ params: { id: await newDeadLetter() } }),
    "GET /api/events": async () => ({}),
    "GET /api/golf/courses": async () => ({}),
    "POST /api/golf/courses": async () => ({
      body: {
        name: `Course ${uniq()}`,
        timezone: "Europe/Dublin",
        firstTeeTime: "07:00",
        lastTeeTime: "18:00",
        intervalMinutes: 10,
        capacity: 4,
        holes: 18,
        price: 40,
      },
    }),
    "PATCH /api/golf/courses/{id}": async () => ({ params: { id: golf.courseId }, body: { price: 30 } }),
    "GET /api/golf/courses/{id}/tee-sheet": async () => ({ params: { id: golf.courseId }, query: `?date=${golf.date}` }),
    "GET /api/golf/reservations": async () => ({ query: "?status=all&includePast=true" }),
    "POST /api/golf/reservations/{id}/cancel": async () => ({ params: { id: (await golf.newReservation()).id } }),
    "GET /api/golf/settings": async () => ({}),
    "PUT /api/golf/settings": async () => ({ body: { provider: "embedded", chronogolf: { timezone: "America/Toronto" } } }),
    "GET /api/health": async () => ({}),
    // No credential here holds the CLI secret (nor comes from a loopback socket): 401 for all.
    "POST /api/internal/cli": async () => ({ body: { argv: ["accounts", "list"] } }),
    "GET /api/keys": async () => ({}),
    "POST /api/keys": async () => ({ body: { name: "matrix", scopes: ["hitl:ask"] } }),
    "DELETE /api/keys/{id}": async () => ({ params: { id: await newKeyId() } }),
    // Stateless MCP: GET (no SSE stream to resume) and DELETE (no session) are refused by the protocol layer, after auth.
    "GET /api/mcp": async () => ({ headers: { accept: "text/event-stream" }, okStatuses: [405] }),
    "POST /api/mcp": async () => ({
      headers: { accept: "application/json, text/event-stream" },
      body: {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "matrix", version: "1" } },
      },
    }),
    "DELETE /api/mcp": async () => ({ okStatuses: [405] }),
    "GET /api/memory": async () => ({ query: "?q=matrix" }),
    "POST /api/memory": async () => ({ body: { question: `Matrix FAQ ${uniq()}?`, answer: "Yes." } }),
    "GET /api/memory/{id}": async () => ({ params: { id: sharedEntry } }),
    "PATCH /api/memory/{id}": async () => ({ params: { id: sharedEntry }, body: { tags: ["matrix"] } }),
    "DELETE /api/memory/{id}": async () => ({ params: { id: await newEntry() } }),
    "POST /api/memory/{id}/reused": async () => ({ params: { id: sharedEntry } }),
    "GET /api/memory/settings": async () => ({}),
    "PATCH /api/memory/settings": async () => ({ body: { threshold: null } }),
    "POST /api/memory/import": async () => ({ body: { entries: [{ question: `Imported ${uniq()}?`, answer: "Imported." }] } }),
    "GET /api/memory/export": async () => ({ query: "?format=csv" }),
    "POST /api/memory/from-case": async () => ({ body: { caseId: await answeredCase() } }),
    "GET /api/members": async () => ({}),
    "POST /api/members": async () => ({
      body: { email: `new-${uniq()}@matrix.test`, role: "operator", password: "correct horse battery" },
    }),
    "PATCH /api/members/{id}": async () => ({ params: { id: (await app.newMember("operator")).id }, body: { active: false } }),
    "GET /api/metrics/hitl": async () => ({}),
    "GET /api/openapi.json": async () => ({}),
    "GET /api/presence": async () => ({}),
    "POST /api/presence": async () => ({ body: { status: "away" } }),
    // The realtime driver here is SSE, so an allowed caller is told Pusher / Supabase is not configured (404).
    "POST /api/realtime/pusher/auth": async () => ({
      body: { socket_id: "1.2", channel_name: pusherChannelFor(app.accountA.id) },
      okStatuses: [404],
    }),
    "POST /api/realtime/supabase/token": async () => ({ okStatuses: [404] }),
    // ask_human as Retell calls it (signed with the Retell key the PUT row may have stored; nobody is online: answered at once).
    "POST /api/retell/functions": async () => {
      const rawBody = JSON.stringify({
        name: "ask_human",
        call: { call_id: `call_${uniq()}`, agent_id: "agent_matrix" },
        args: { question: `Matrix Retell question ${uniq()}?`, timeoutSeconds: 5 },
      });
      return { rawBody, headers: { "content-type": "application/json", "x-retell-signature": await retellSign(rawBody, RETELL_KEY) } };
    },
    // ask_human as Vapi calls it: a tool-calls message, signed with the server secret the PUT row may have stored.
    "POST /api/vapi/tools": async () => {
      const rawBody = JSON.stringify({
        message: {
          type: "tool-calls",
          toolCallList: [{ id: `tc_${uniq()}`, name: "ask_human", arguments: { question: `Matrix Vapi question ${uniq()}?` } }],
          call: { id: `call_${uniq()}`, type: "webCall" },
        },
      });
      const timestamp = String(Date.now());
      return {
        rawBody,
        headers: { "content-type": "application/json", "x-timestamp": timestamp, "x-signature": vapiHmac(rawBody, VAPI_SECRET, timestamp) },
      };
    },
    "GET /api/settings/vapi": async () => ({}),
    "PUT /api/settings/vapi": async () => ({ body: { serverSecret: VAPI_SECRET, waitSeconds: 10 } }),
    "DELETE /api/settings/vapi": async () => ({}),
    // Both accounts' admins may run it: each needs its Vapi server secret stored (the test signs with it).
    "POST /api/settings/vapi/test": async () => {
      await setVapiSettings(deps, adminKey, { serverSecret: VAPI_SECRET });
      await setVapiSettings(deps, (await verifyApiKey(deps, app.keys.get("other account")!))!, { serverSecret: VAPI_SECRET });
      return { body: { apiKey: app.keys.get("hitl:ask") } };
    },
    // A Vapi status update for account A, signed with the server secret stored first (the DELETE row may have removed it).
    "POST /api/webhooks/vapi": async () => {
      await setVapiSettings(deps, adminKey, { serverSecret: VAPI_SECRET });
      const rawBody = JSON.stringify({
        message: { type: "status-update", status: "in-progress", call: { id: `call_${uniq()}`, type: "inboundPhoneCall" } },
      });
      const timestamp = String(Date.now());
      return {
        query: `?account=${app.accountA.id}`,
        rawBody,
        headers: { "content-type": "application/json", "x-timestamp": timestamp, "x-signature": vapiHmac(rawBody, VAPI_SECRET, timestamp) },
      };
    },
    "GET /api/settings/callbacks": async () => ({}),
    "PATCH /api/settings/callbacks": async () => ({ body: { askKeyCallbacksEnabled: false } }),
    "GET /api/settings/notifications": async () => ({}),
    "PUT /api/settings/notifications": async () => ({ body: { defaultTopic: "matrix-alerts", oncallTopic: "matrix-oncall" } }),
    // The matrix's ntfy server is a closed port: the test send is written down and queued (200, status queued).
    "POST /api/settings/notifications/test": async () => {
      for (const accountId of [app.accountA.id, app.accountB.id])
        await deps.db.insert(notifySettings).values({ accountId, defaultTopic: "matrix-alerts" }).onConflictDoNothing();
      return { body: {} };
    },
    "GET /api/settings/retell": async () => ({}),
    "PUT /api/settings/retell": async () => ({ body: { apiKey: RETELL_KEY } }),
    "DELETE /api/settings/retell": async () => ({}),
    // Members exist, so setup is over for everyone: a public route that answers 409 (tests/setup covers the first run).
    "POST /api/setup": async () => ({
      body: { email: `setup-${uniq()}@matrix.test`, password: "correct horse battery" },
      okStatuses: [409],
    }),
    // Nobody is online in the matrix app, so the test agent is told "unavailable" at once.
    "POST /api/test-escalation": async () => ({ body: { timeoutSeconds: 5 } }),
    // Both accounts' admins may run it: each needs its Retell key stored (the test signs with it).
    "POST /api/settings/retell/test": async () => {
      await setRetellApiKey(deps, adminKey, { apiKey: RETELL_KEY });
      await setRetellApiKey(deps, (await verifyApiKey(deps, app.keys.get("other account")!))!, { apiKey: RETELL_KEY });
      return { body: { apiKey: app.keys.get("hitl:ask") } };
    },
    // A Retell call webhook for account A, signed with the Retell key stored first (the DELETE row may have removed it).
    "POST /api/webhooks/retell": async () => {
      await setRetellApiKey(deps, adminKey, { apiKey: RETELL_KEY });
      const rawBody = JSON.stringify({
        event: "call_started",
        call: {
          call_id: `call_${uniq()}`,
          agent_id: "agent_matrix",
          direction: "inbound",
          from_number: "+14155550123",
          call_status: "ongoing",
        },
      });
      return {
        query: `?account=${app.accountA.id}`,
        rawBody,
        headers: { "content-type": "application/json", "x-retell-signature": await retellSign(rawBody, RETELL_KEY) },
      };
    },
    // Account B's Slack app and Twilio sender, stored as the settings route would store them (no vendor is reached:
    // a view_closed payload needs no Slack call, and a text from an unknown number is answered in TwiML).
    "POST /api/channels/slack/{accountId}/interactivity": async () => {
      await storeChannelSecrets(deps.db, app.accountB.id);
      const rawBody = new URLSearchParams({ payload: JSON.stringify({ type: "view_closed", user: { id: "UMATRIX" } }) }).toString();
      const timestamp = String(Math.floor(Date.now() / 1000));
      return {
        params: { accountId: app.accountB.id },
        rawBody,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": timestamp,
          "x-slack-signature": signSlack(MATRIX_SLACK_SECRET, timestamp, rawBody),
        },
      };
    },
    "POST /api/channels/sms/{accountId}/inbound": async () => {
      await storeChannelSecrets(deps.db, app.accountB.id);
      const params = { From: "+15550009999", To: "+15550001000", Body: "hello", MessageSid: `SM${uniq()}` };
      const url = `${BASE}/api/channels/sms/${app.accountB.id}/inbound`;
      return {
        params: { accountId: app.accountB.id },
        rawBody: new URLSearchParams(params).toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilioSignature(MATRIX_TWILIO_TOKEN, url, params),
        },
      };
    },
    "GET /api/settings/channels": async () => ({}),
    "PUT /api/settings/channels": async () => ({
      body: {
        ladder: [
          { channel: "console", afterSeconds: 0 },
          { channel: "ntfy", afterSeconds: 10 },
        ],
      },
    }),
    "PATCH /api/members/{id}/channels": async () => ({
      params: { id: (await app.newMember("operator")).id },
      body: { phone: "+15550002222", onCall: { timeZone: "Europe/Paris", days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" } },
    }),
    // Account A has no Slack app: the lookup is refused with 409 "Connect Slack first" once the caller may ask.
    "POST /api/members/{id}/slack-lookup": async () => ({ params: { id: (await app.newMember("operator")).id }, okStatuses: [409] }),
    "GET /api/cases/{id}/ladder": async () => ({ params: { id: sharedCase } }),
    "POST /api/webhooks/{provider}": async () => ({ params: { provider: "simulator" }, rawBody: webhookBody, headers: signed }),
  };
}
