/** Every REST route that takes input, with a valid base input the fuzzer mutates one part of. */
export type RouteSpec = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  /** key (Bearer, every scope), none (login), signed (simulator webhook), session (the isolated admin signed in), retell (X-Retell-Signature with the tenant's stored Retell key, ?account=). */
  auth?: "key" | "none" | "signed" | "session" | "retell";
  /** The body as application/x-www-form-urlencoded (OAuth's token and revocation endpoints) instead of JSON. */
  form?: boolean;
};

export const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
/** A well-formed page cursor (lib/platform/validation/cursor.ts) that points at no row. */
const CURSOR = Buffer.from(JSON.stringify({ t: "2030-01-01T00:00:00.000000Z", id: NO_SUCH_ID })).toString("base64url");

const simEvent = {
  event_id: "sim_evt_fuzz",
  call_id: "sim_fuzz",
  status: "completed",
  at: "2026-11-21T09:30:00Z",
  metadata: { call_id: NO_SUCH_ID },
  call: {
    started_at: null,
    answered_at: null,
    ended_at: null,
    duration_seconds: 0,
    transcript: [],
    summary: null,
    end_reason: null,
    recording_available: false,
    price_usd: null,
  },
};

export const ROUTES: RouteSpec[] = [
  {
    method: "POST",
    path: "/api/cases",
    body: {
      question: "Is the Elm Street branch open?",
      context: "ctx",
      sessionId: "s1",
      callId: "c1",
      agentId: "a1",
      callerInfo: { name: "Ana", phone: "+14155550123" },
      priority: 3,
      urgency: "low",
      conversationHistory: [{ role: "user", content: "hi" }],
      timeoutSeconds: 10,
      idempotencyKey: "k1",
      callbackUrl: "https://example.com/hook",
    },
  },
  {
    method: "GET",
    path: "/api/cases",
    query: { status: "open", limit: "10", order: "newest", q: "elm", cursor: CURSOR, before: "2030-01-01T00:00:00Z" },
  },
  { method: "GET", path: "/api/cases/{id}" },
  { method: "POST", path: "/api/cases/{id}/claim" },
  { method: "POST", path: "/api/cases/{id}/cancel" },
  { method: "GET", path: "/api/cases/{id}/messages", query: { after: "0", wait: "0" } },
  { method: "POST", path: "/api/cases/{id}/messages", body: { content: "Yes, 10 to 4." } },
  {
    method: "POST",
    path: "/api/calls",
    body: {
      phoneNumber: "+14155550123",
      task: "Confirm the table.",
      firstSentence: "Hi!",
      voice: "maya",
      model: "base",
      language: "en-US",
      maxDurationMinutes: 1,
      record: false,
      metadata: { ref: "r1" },
    },
  },
  {
    method: "GET",
    path: "/api/calls",
    query: {
      status: "completed",
      from: "2026-01-01T00:00:00Z",
      to: "2030-01-01T00:00:00Z",
      phoneNumber: "+14155550123",
      limit: "5",
      cursor: CURSOR,
    },
  },
  { method: "GET", path: "/api/calls/{id}" },
  { method: "POST", path: "/api/calls/{id}/cancel" },
  { method: "GET", path: "/api/calls/{id}/recording-url" },
  { method: "GET", path: "/api/calls/{id}/recording", query: { expires: "4102444800", signature: "abc" } },
  { method: "GET", path: "/api/memory", query: { q: "parking", limit: "10" } },
  { method: "POST", path: "/api/memory", body: { question: "Do you validate parking?", answer: "Yes.", tags: ["parking"] } },
  { method: "PATCH", path: "/api/memory/{id}", body: { approvedForAuto: true } },
  { method: "DELETE", path: "/api/memory/{id}" },
  { method: "POST", path: "/api/memory/{id}/reused" },
  { method: "GET", path: "/api/memory/settings" },
  { method: "PATCH", path: "/api/memory/settings", body: { autoAnswer: true, threshold: 0.7 } },
  { method: "POST", path: "/api/memory/import", body: { entries: [{ question: "Open Sunday?", answer: "10 to 4." }] } },
  { method: "GET", path: "/api/memory/export", query: { format: "csv" } },
  { method: "POST", path: "/api/memory/from-case", body: { caseId: NO_SUCH_ID } },
  { method: "GET", path: "/api/cases/{id}/suggestions" },
  { method: "GET", path: "/api/canned-replies" },
  { method: "POST", path: "/api/canned-replies", body: { shortcut: "hours", title: "Hours", body: "We open at 9." } },
  { method: "PATCH", path: "/api/canned-replies/{id}", body: { title: "Hours" } },
  { method: "DELETE", path: "/api/canned-replies/{id}" },
  { method: "GET", path: "/api/credits", query: { limit: "5" } },
  { method: "POST", path: "/api/credits", body: { amount: 5, reason: "fuzz" } },
  { method: "GET", path: "/api/dead-letters", query: { status: "open", limit: "5", cursor: CURSOR } },
  { method: "POST", path: "/api/dead-letters/{id}/retry" },
  { method: "GET", path: "/api/sheets" },
  { method: "GET", path: "/api/sheets/export", query: { tab: "escalations" } },
  { method: "POST", path: "/api/sheets/rebuild" },
  { method: "GET", path: "/api/golf/courses" },
  {
    method: "POST",
    path: "/api/golf/courses",
    body: {
      name: "Fuzz Links",
      timezone: "Europe/Dublin",
      firstTeeTime: "07:00",
      lastTeeTime: "18:00",
      intervalMinutes: 10,
      capacity: 4,
      holes: 18,
      price: 40,
      currency: "EUR",
    },
  },
  { method: "PATCH", path: "/api/golf/courses/{id}", body: { price: 30, capacity: 3 } },
  { method: "GET", path: "/api/golf/courses/{id}/tee-sheet", query: { date: "2030-01-01" } },
  {
    method: "GET",
    path: "/api/golf/reservations",
    query: { status: "all", includePast: "true", limit: "5", phone: "+14155550123", name: "Ana" },
  },
  { method: "POST", path: "/api/golf/reservations/{id}/cancel" },
  { method: "GET", path: "/api/golf/settings" },
  {
    method: "PUT",
    path: "/api/golf/settings",
    body: { provider: "embedded", chronogolf: { timezone: "America/Toronto", organizationId: "org-1" } },
  },
  { method: "GET", path: "/api/keys" },
  { method: "POST", path: "/api/keys", body: { name: "fuzz", scopes: ["hitl:ask"] } },
  { method: "DELETE", path: "/api/keys/{id}" },
  { method: "GET", path: "/api/members" },
  {
    method: "POST",
    path: "/api/members",
    body: { email: "fuzz@isolated.test", name: "Fuzz", role: "operator", password: "long enough password" },
  },
  { method: "PATCH", path: "/api/members/{id}", body: { active: true } },
  { method: "GET", path: "/api/metrics/hitl", query: { from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" } },
  { method: "GET", path: "/api/settings/notifications" },
  {
    method: "PUT",
    path: "/api/settings/notifications",
    body: {
      serverUrl: "http://127.0.0.1:9",
      defaultTopic: "fuzz-alerts",
      oncallTopic: "fuzz-oncall",
      accessToken: "tk_fuzzfuzzfuzzfuzzfuzzfuzzfuzz",
    },
  },
  { method: "POST", path: "/api/settings/notifications/test", body: { topic: "default" } },
  { method: "GET", path: "/api/presence" },
  { method: "POST", path: "/api/presence", body: { status: "away" } },
  { method: "POST", path: "/api/realtime/pusher/auth", body: { socket_id: "1.2", channel_name: "private-x" } },
  { method: "POST", path: "/api/realtime/supabase/token" },
  { method: "POST", path: "/api/auth/login", body: { email: "nobody@isolated.test", password: "wrong password" }, auth: "none" },
  { method: "POST", path: "/api/auth/logout", auth: "none" },
  { method: "POST", path: "/api/webhooks/simulator", body: simEvent, auth: "signed" },
  // A wrong current password on purpose: the fuzzer never changes the admin's password, and a valid shape gets 422 naming currentPassword.
  {
    method: "POST",
    path: "/api/auth/password",
    body: { currentPassword: "not the password", newPassword: "a new long password" },
    auth: "session",
  },
  // The isolated app has members, so setup answers 409 once the input is valid; bad input gets 422 first.
  {
    method: "POST",
    path: "/api/setup",
    body: { email: "first@isolated.test", password: "long enough password", name: "First", token: "setup_x" },
    auth: "none",
  },
  // Nobody is online in the isolated app: the test agent is told "unavailable" at once.
  { method: "POST", path: "/api/test-escalation", body: { timeoutSeconds: 5 } },
  { method: "PUT", path: "/api/settings/vapi", body: { waitSeconds: 10 } },
  {
    method: "POST",
    path: "/api/vapi/tools",
    body: {
      message: {
        type: "tool-calls",
        toolCallList: [{ id: "tc_fuzz", name: "get_credits", arguments: {} }],
        call: { id: "call_fuzz", type: "webCall", customer: { number: "+14155550123" } },
      },
    },
  },
  // No CLI secret here: always 401, whatever the body.
  { method: "POST", path: "/api/internal/cli", body: { argv: ["accounts", "list"] }, auth: "none" },
  {
    method: "POST",
    path: "/api/webhooks/retell",
    body: {
      event: "call_ended",
      call: {
        call_id: "call_fuzz",
        agent_id: "agent_fuzz",
        direction: "inbound",
        from_number: "+14155550123",
        call_status: "ended",
        transcript: "User: hi",
      },
    },
    auth: "retell",
  },
  {
    method: "POST",
    path: "/api/oauth/register",
    body: {
      redirect_uris: ["http://127.0.0.1:9/cb"],
      client_name: "Fuzz app",
      client_uri: "https://fuzz.example",
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: "hitl:ask",
    },
    auth: "none",
  },
  {
    method: "POST",
    path: "/api/oauth/token",
    form: true,
    auth: "none",
    body: {
      grant_type: "authorization_code",
      code: "sbac_fuzz",
      client_id: "sbc_fuzz",
      redirect_uri: "http://127.0.0.1:9/cb",
      code_verifier: "v".repeat(43),
    },
  },
  {
    method: "POST",
    path: "/api/oauth/revoke",
    form: true,
    auth: "none",
    body: { token: "sbrt_fuzz", client_id: "sbc_fuzz", token_type_hint: "refresh_token" },
  },
  { method: "GET", path: "/api/oauth/grants" },
  { method: "DELETE", path: "/api/oauth/grants/{id}" },
];

/** The tools' base arguments; the fuzzer mutates one of them (or adds another). */
export const TOOLS: Record<string, Record<string, unknown>> = {
  ask_human: { question: "Is the Elm Street branch open?", callId: "c1", callerInfo: { name: "Ana" }, timeoutSeconds: 5 },
  search_answers: { question: "Do you validate parking?", limit: 3 },
  get_human_answer: { caseId: NO_SUCH_ID },
  cancel_human_request: { caseId: NO_SUCH_ID },
  make_phone_call: { phoneNumber: "+14155550123", task: "Confirm the table.", maxDurationMinutes: 1 },
  get_call_details: { callId: NO_SUCH_ID },
  get_call_status: { callId: NO_SUCH_ID },
  get_call_transcript: { callId: NO_SUCH_ID },
  get_call_recording: { callId: NO_SUCH_ID },
  cancel_call: { callId: NO_SUCH_ID },
  get_call_history: { from: "2026-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z", limit: 5 },
  get_credits: { limit: 5 },
  add_credits: { amount: 5, reason: "fuzz" },
  get_voice_options: { language: "en" },
  get_model_options: {},
  update_call_preferences: { voice: "maya" },
  get_weather: { location: "Limerick", units: "metric", days: 1 },
  send_push_notification: {
    message: "Fuzz",
    title: "Fuzz",
    priority: 3,
    tags: ["fuzz"],
    clickUrl: "https://example.com/x",
    topic: "fuzz-alerts",
  },
  golf_search_tee_times: { course: "Fuzz", date: "2030-01-01", timeFrom: "08:00", timeTo: "12:00", players: 2, holes: 18 },
  golf_book_tee_time: { slotId: NO_SUCH_ID, players: 2, name: "Ana", phone: "+14155550123", idempotencyKey: "fuzz-1" },
  golf_get_reservations: { phone: "+14155550123", status: "all", includePast: true, limit: 5 },
  golf_cancel_reservation: { confirmationCode: "ABC234" },
};
